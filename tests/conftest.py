from pathlib import Path

import pytest

from reliability import TRIGGERING

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def pytest_collection_modifyitems(items):
    """Tests marked `long` (tens of seconds each) first: started early, they do not leave
    one worker running alone at the end of a parallel run."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@pytest.fixture(autouse=True)
def _no_user_cache(monkeypatch):
    # Tests exercise the cache explicitly; everything else runs uncached and colourless.
    monkeypatch.setenv("REVIEWER_NO_CACHE", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.fixture
def cached(monkeypatch):
    """The cache on (the fixture above turns it off for every other test)."""
    monkeypatch.delenv("REVIEWER_NO_CACHE")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder, the current one, holding good.py: one finding with a safe fix."""
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)
    (project / "pyproject.toml").write_text("[tool.reviewer]\n")
    (project / "good.py").write_text(TRIGGERING)
    return project
