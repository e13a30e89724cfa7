from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


@pytest.fixture(autouse=True)
def _no_user_cache(monkeypatch):
    # Tests exercise the cache explicitly; everything else runs uncached and colourless.
    monkeypatch.setenv("REVIEWER_NO_CACHE", "1")
    monkeypatch.setenv("NO_COLOR", "1")
