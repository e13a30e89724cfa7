"""The one way reviewer changes a file: fixes, `--add-noqa`, baselines and cache entries.

What it guarantees, whichever caller:
- it writes regular files only, never through a symbolic link (of the file or of a folder
  above it) whose target leaves `root`;
- it refuses files the user could not write in place (read-only, or not writable by this
  user), since a rename in a writable folder would replace them anyway;
- a file with other hard links, or owned by another user, is rewritten in place so that the
  links and the owner stay; any other file is replaced by a rename;
- the temporary file sits next to the target, has a unique name that fits the file
  system's name limit, and is removed on every exit path;
- the replaced content is compared with what the caller read: an edit made meanwhile is
  kept and the write refused (on Linux the swap is atomic: the content displaced by the
  swap is what is compared, so an edit made just before the swap is put back, not lost).
"""

from __future__ import annotations

import errno
import os
import stat
from contextlib import contextmanager
from typing import Iterator, Optional

from reviewer.config import inside_project
from reviewer.source import SourceError

_TEMPORARY_SUFFIX = ".rvtmp"


def replace_file(path: str, expected: bytes, data: bytes, root: Optional[str]) -> None:
    """Give the existing file `path` the content `data`, provided it still holds `expected`.

    Raises SourceError (one line) when the file is refused or changed meanwhile."""
    target = _checked_target(path, root)
    try:
        status = os.stat(target)
    except OSError as exc:
        raise SourceError(f"cannot write: {exc.strerror or exc}") from None
    if not status.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise SourceError("read-only; not changed")
    if status.st_nlink > 1 or status.st_uid != os.geteuid():
        _write_in_place(target, expected, data)
    else:
        _swap_in(target, expected, data, status.st_mode)


def create_file(path: str, data: bytes, root: Optional[str], durable: bool = True) -> None:
    """Write `path` whole, creating it or replacing the regular file there (a baseline, a
    cache entry): no compare, since nobody edits these by hand mid-run. `durable=False`
    skips the fsync, for a cache that may lose an entry but must stay fast."""
    target = _checked_target(path, root)
    with _staged(target, data, 0o666 & ~_umask(), durable) as temporary:
        os.replace(temporary, target)


def _checked_target(path: str, root: Optional[str]) -> str:
    """The real path to write: refused if it is not a regular file, or if a link on the way
    leads out of `root`."""
    target = os.path.realpath(path)
    if target != os.path.abspath(path) and root is not None and not inside_project(target, root):
        raise SourceError("reached through a symbolic link that leaves the project; not changed")
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise SourceError(f"cannot write: {exc.strerror or exc}") from None
    if not stat.S_ISREG(status.st_mode):
        raise SourceError("not a regular file; not changed")
    return target


def _temporary_next_to(target: str):
    """(path, fd) of a new, empty, private file in the target's folder, named after the
    target but short enough for the file system."""
    folder, name = os.path.split(target)
    try:
        limit = os.pathconf(folder or ".", "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255
    for _ in range(100):
        token = "." + os.urandom(4).hex() + _TEMPORARY_SUFFIX
        room = max(0, limit - 1 - len(token))
        stem = os.fsencode(name)[:room].decode(errors="ignore") if room else ""
        temporary = os.path.join(folder, "." + stem + token)
        try:
            return temporary, os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            continue
        except OSError as exc:
            raise SourceError(f"cannot write: {exc.strerror or exc}") from None
    raise SourceError("cannot write: no free temporary name next to the file")


def _swap_in(target: str, expected: bytes, data: bytes, mode: int) -> None:
    with _staged(target, data, stat.S_IMODE(mode), durable=True) as temporary:
        if _exchange(temporary, target):
            # `temporary` now holds what `target` held at the instant of the swap.
            with open(temporary, "rb") as displaced:
                if displaced.read() != expected:
                    _exchange(temporary, target)
                    raise SourceError("changed on disk while it was being fixed; not overwritten (run again)")
        else:
            _check_unchanged(target, expected)
            os.replace(temporary, target)


@contextmanager
def _staged(target: str, data: bytes, mode: int, durable: bool) -> Iterator[str]:
    """A temporary file next to `target` holding `data` with `mode`; removed on leaving,
    whatever happened (after a swap it holds the displaced content)."""
    temporary, handle = _temporary_next_to(target)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        os.chmod(temporary, mode)
        yield temporary
    except OSError as exc:
        raise SourceError(f"cannot write: {exc.strerror or exc}") from None
    finally:
        _remove(temporary)


def _write_in_place(target: str, expected: bytes, data: bytes) -> None:
    try:
        with open(os.open(target, os.O_RDWR | os.O_NOFOLLOW), "r+b") as handle:
            if handle.read() != expected:
                raise SourceError("changed on disk while it was being fixed; not overwritten (run again)")
            handle.seek(0)
            handle.write(data)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise SourceError(f"cannot write: {exc.strerror or exc}") from None


def _check_unchanged(target: str, expected: bytes) -> None:
    with open(target, "rb") as current:
        if current.read() != expected:
            raise SourceError("changed on disk while it was being fixed; not overwritten (run again)")


_renameat2 = None


def _exchange(first: str, second: str) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where the system
    or the file system cannot."""
    global _renameat2
    if _renameat2 is None:
        _renameat2 = False
        try:
            import ctypes

            function = ctypes.CDLL(None, use_errno=True).renameat2
            function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
            _renameat2 = function
        except (AttributeError, OSError, ImportError):
            pass
    if not _renameat2:
        return False
    import ctypes

    at_cwd, rename_exchange = -100, 2
    if _renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code))


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
