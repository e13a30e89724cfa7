"""Reading, decoding and safely writing source files, and offset/position conversion."""

from __future__ import annotations

import bisect
import hashlib
import codecs
import io
import os
import re
import time
import tokenize
from dataclasses import dataclass, replace
from types import ModuleType
from typing import Dict, List, Optional, Tuple

MAX_FILE_BYTES = 10 * 1024 * 1024

_NEWLINE = re.compile(r"\r\n|\r|\n")


class SourceError(Exception):
    """A file that cannot be linted; the message is one line and names the problem."""


@dataclass(frozen=True)
class SourceFile:
    text: str
    encoding: str
    bom: bool
    raw: bytes
    #: the file's stat when it was read, if old enough to vouch for the text (see `read`)
    signature: Optional[Signature] = None


#: (mtime_ns, ctime_ns, size, inode): what a file's stat says about its content
Signature = Tuple[int, int, int, int]
#: A file changed this shortly before it was read may change again within the same clock
#: tick without its stat changing (git's "racy clean" case): its stat vouches for nothing.
_RACY_NS = 2_000_000_000


def stat_signature(stat: os.stat_result) -> Signature:
    return (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)


def decode(raw: bytes) -> SourceFile:
    """Decode Python source honouring a BOM and a PEP 263 coding cookie."""
    if b"\x00" in raw:
        raise SourceError("binary file (contains NUL bytes), not Python source")
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as exc:
        if "invalid or missing encoding declaration" not in str(exc):
            raise SourceError(f"bad coding declaration: {exc}") from None
        encoding = "utf-8"  # no cookie and not UTF-8: decoding below says where
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    body = raw[len(codecs.BOM_UTF8):] if bom else raw
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"not valid {encoding} (byte {exc.start}: {exc.reason}); add a PEP 263 coding declaration"
        ) from None
    except LookupError:
        raise SourceError(f"unknown encoding {encoding!r} in the coding declaration") from None
    return SourceFile(text, encoding, bom, raw)


def encode(source: SourceFile, text: str) -> bytes:
    data = text.encode(source.encoding)
    return codecs.BOM_UTF8 + data if source.bom else data


def read(path: str, *, max_bytes: int = MAX_FILE_BYTES) -> SourceFile:
    try:
        stat = os.stat(path)
        size = stat.st_size
        if max_bytes and size > max_bytes:
            raise SourceError(
                f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit; "
                "skipped (pass --max-file-size 0 to lint it anyway)"
            )
        with open(path, "rb") as handle:
            raw = handle.read()
    except SourceError:
        raise
    except IsADirectoryError:
        raise SourceError("is a directory") from None
    except PermissionError:
        raise SourceError("permission denied") from None
    except OSError as exc:
        raise SourceError(exc.strerror or str(exc)) from None
    racy = time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) < _RACY_NS
    return replace(decode(raw), signature=None if racy else stat_signature(stat))


def write_atomic(path: str, original: SourceFile, text: str) -> None:
    """Replace `path` with `text` atomically, keeping mode, encoding, BOM and line endings.

    Refuses (SourceError) when the file changed since it was read, so two runs fixing
    the same file at once never mix their results.
    """
    data = encode(original, text)
    target = os.path.realpath(path)
    directory = os.path.dirname(target)
    try:
        mode = os.stat(target).st_mode
        import tempfile  # only a run that writes needs it

        handle, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".reviewer-tmp", dir=directory)
    except OSError as exc:
        raise SourceError(f"cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode & 0o7777)
        with open(target, "rb") as current:
            if current.read() != original.raw:
                raise SourceError("changed on disk while it was being fixed; not overwritten (run again)")
        os.replace(temporary, target)
    except BaseException as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise SourceError(f"cannot write: {exc.strerror or exc}") from None
        raise


def fingerprint(files: Dict[str, str]) -> str:
    """A short hash of files' contents (the code a cache or an index was made by), given as
    {label: path}; the labels, not the paths, name them, so that an editable and an
    installed copy of the same code agree."""
    digest = hashlib.sha256()
    for label in sorted(files):
        with open(files[label], "rb") as handle:
            digest.update(label.encode() + b"\0" + handle.read())
    return digest.hexdigest()[:16]


def package_sources(package: ModuleType) -> Dict[str, str]:
    """{"package.name/sub/file.py": path} for a package's modules, sub-packages included:
    what `fingerprint` takes."""
    folder = os.path.dirname(os.path.abspath(package.__file__ or ""))
    found: Dict[str, str] = {}
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith((".", "__")))
        relative = os.path.relpath(root, folder)
        prefix = package.__name__ if relative == "." else f"{package.__name__}/{relative.replace(os.sep, '/')}"
        for name in files:
            if name.endswith(".py"):
                found[f"{prefix}/{name}"] = os.path.join(root, name)
    return found


class LineIndex:
    """Converts between character offsets and 1-based (line, column) positions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: List[int] = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def offset(self, line: int, column: int) -> int:
        """Offset of a 1-based line and 0-based column."""
        if line - 1 >= len(self.starts):
            return len(self.text)
        return min(self.starts[line - 1] + column, len(self.text))

    def position(self, offset: int) -> Tuple[int, int]:
        """1-based line and 1-based column of an offset."""
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def line_count(self) -> int:
        return len(self.starts)
