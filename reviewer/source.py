"""Reading, decoding and safely writing source files, and offset/position conversion."""

from __future__ import annotations

import bisect
import hashlib
import codecs
import io
import os
import re
import stat
import time
import tokenize
from dataclasses import dataclass, replace
from functools import cached_property
from types import ModuleType
from typing import Dict, Iterator, List, Optional, Tuple

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


class Skipped(SourceError):
    """A file left out on purpose (over the size limit): a warning, not an error."""


def read(path: str, *, max_bytes: int = MAX_FILE_BYTES) -> SourceFile:
    """A regular file's content; anything else (a FIFO, a device, a folder) is refused
    without reading, and no more than `max_bytes` are ever read."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except IsADirectoryError:
        raise SourceError("is a directory") from None
    except PermissionError:
        raise SourceError("permission denied") from None
    except FileNotFoundError:
        raise SourceError("broken symbolic link" if os.path.islink(path) else "no such file") from None
    except OSError as exc:
        raise SourceError(exc.strerror or str(exc)) from None
    with open(handle, "rb") as stream:
        try:
            status = os.fstat(handle)
            if stat.S_ISDIR(status.st_mode):
                raise SourceError("is a directory")
            if not stat.S_ISREG(status.st_mode):
                raise SourceError("not a regular file (a FIFO, device or socket)")
            if max_bytes and status.st_size > max_bytes:
                raise Skipped(_too_large(status.st_size, max_bytes))
            raw = stream.read(max_bytes + 1) if max_bytes else stream.read()
        except OSError as exc:
            raise SourceError(exc.strerror or str(exc)) from None
    if max_bytes and len(raw) > max_bytes:  # it grew after the stat
        raise Skipped(_too_large(len(raw), max_bytes))
    racy = time.time_ns() - max(status.st_mtime_ns, status.st_ctime_ns) < _RACY_NS
    return replace(decode(raw), signature=None if racy else stat_signature(status))


def _too_large(size: int, limit: int) -> str:
    return (f"file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit; "
            "skipped (pass --max-file-size 0 to lint it anyway)")


def encode_change(original: SourceFile, text: str) -> bytes:
    """`text` as bytes for the file `original` was read from: the lines it shares with the
    original at either end keep their exact bytes, so a round trip that is not the
    identity in the file's encoding (cp932's duplicate characters) touches only the
    changed lines."""
    body = original.raw[len(codecs.BOM_UTF8):] if original.bom else original.raw
    raw_lines = body.splitlines(keepends=True)
    old_lines = split_lines(original.text)
    # Per-line decoding is wrong for stateful encodings (ISO-2022, UTF-7): encode whole.
    if len(raw_lines) != len(old_lines) or any(
        raw.decode(original.encoding, errors="replace") != line for raw, line in zip(raw_lines, old_lines)
    ):
        return encode(original, text)
    new_lines = split_lines(text)
    head = 0
    while head < min(len(old_lines), len(new_lines)) and old_lines[head] == new_lines[head]:
        head += 1
    tail = 0
    while (tail < min(len(old_lines), len(new_lines)) - head
           and old_lines[-1 - tail] == new_lines[-1 - tail]):
        tail += 1
    middle = "".join(new_lines[head:len(new_lines) - tail]).encode(original.encoding)
    data = b"".join(raw_lines[:head]) + middle + b"".join(raw_lines[len(raw_lines) - tail:])
    return codecs.BOM_UTF8 + data if original.bom else data


def split_lines(text: str) -> List[str]:
    """Lines with their endings, split where bytes.splitlines splits (\\n, \\r\\n, \\r)."""
    return [match.group() for match in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)]


def fingerprint(files: Dict[str, str], extra: str = "") -> str:
    """A short hash of files' contents (the code a cache or an index was made by), given as
    {label: path}, and of `extra`; the labels, not the paths, name them, so that an
    editable and an installed copy of the same code agree."""
    digest = hashlib.sha256(extra.encode())
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


def code_sources() -> Dict[str, str]:
    """`package_sources` of reviewer and of its rules, each file once: an installed copy
    holds `reviewer.rules` inside `reviewer/`, the checkout beside it."""
    import reviewer
    import reviewer.rules

    engine = {label: path for label, path in package_sources(reviewer).items() if not label.startswith("reviewer/rules/")}
    return {**engine, **package_sources(reviewer.rules)}


def tokens(text: str) -> Iterator[tokenize.TokenInfo]:
    """Python's tokens of `text`, lines ending at \\n, \\r\\n or a lone \\r as in
    `LineIndex` (a plain StringIO would see a CR-only file as one line)."""
    return tokenize.generate_tokens(io.StringIO(text, newline=None).readline)


def common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by bisection on slices (C speed on long texts)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


class LineIndex:
    """Converts between character offsets and 1-based (line, column) positions."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def starts(self) -> List[int]:
        """The offset of each line's start (made on first use: most files never need it)."""
        return [0] + [m.end() for m in _NEWLINE.finditer(self.text)]

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
