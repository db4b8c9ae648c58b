"""Write output files so that a reader sees the old version or the new one, never a mix.

- ``write_text(path, text)`` / ``write_bytes``: one file (a baseline, a JUnit report) is
  written to a temporary file beside it, flushed to disk and renamed over the old one
  (``os.replace``, atomic on POSIX and Windows).
- ``replace_folder(out_dir, write)``: a whole report set. ``write`` fills a new folder beside
  ``out_dir``; files of the old folder that this run does not write are carried over (hard
  links, so nothing is copied); then the two folders are exchanged in one step
  (``renameat2(RENAME_EXCHANGE)`` on Linux) and the old one removed. A run killed at any
  moment leaves ``out_dir`` holding the old set or the new one, byte for byte, plus at most
  a hidden staging folder that the next run removes.

Where an exchange is impossible the fallback keeps a short window: without
``RENAME_EXCHANGE`` (another OS, a file system that lacks it) the old folder is renamed away
and the new one into place (for an instant there is no folder; the next run puts the old one
back if it was killed in between); an ``out_dir`` holding folders of its own, or holding the
current directory, is never moved: its report files are renamed into it one by one, after
all of them are complete.

Any ``OSError`` (a full disk, a read-only folder) is raised with the name of the file it
concerns, after the staging files are removed: the old set stays whole.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

#: Marker in the names of staging files and folders (``.<name>.crosscheck-<pid>-...``).
STAGING_MARK = ".crosscheck-"

#: ``renameat2`` flag: exchange two paths atomically (linux/fs.h).
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _named(err: OSError, path: Path) -> OSError:
    """``err`` naming ``path`` (a write error on an open file names no file)."""
    if err.filename:
        return err
    return OSError(err.errno, err.strerror or str(err), str(path))


def _unstaged(err: OSError, stage: Path, out_dir: Path) -> OSError:
    """``err`` naming the file under ``out_dir`` rather than in the staging folder."""
    name = err.filename
    if isinstance(name, (str, Path)) and str(name).startswith(str(stage)):
        rel = os.path.relpath(name, stage)
        return OSError(err.errno, err.strerror or str(err), str(out_dir / rel) if rel != "." else str(out_dir))
    return err


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as err:
        if err.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):  # no fsync on this file system
            raise
    finally:
        os.close(fd)


def write_bytes(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (parents created); return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}{STAGING_MARK}{os.getpid()}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), _mode(path, 0o666))
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise _named(err, path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_text(path: Path | str, text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically, newlines as given; return the path."""
    return write_bytes(path, text.encode("utf-8"))


def _exchange(a: Path, b: Path) -> bool:
    """Swap the paths ``a`` and ``b`` in one step; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def _staging_pid(name: str, prefix: str) -> int | None:
    rest = name[len(prefix):]
    pid = rest.split("-", 1)[0]
    return int(pid) if pid.isdigit() else None


def clean_staging(target: Path) -> None:
    """Remove what a killed run left beside ``target`` (staging folders of dead processes);
    put an old folder back if a run was killed between the two renames of the fallback."""
    prefix = f".{target.name}{STAGING_MARK}"
    try:
        entries = sorted(os.scandir(target.parent), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        pid = _staging_pid(entry.name, prefix)
        if pid is None or _alive(pid):
            continue
        path = Path(entry.path)
        if entry.name.endswith("-old") and not os.path.lexists(target):
            try:
                os.rename(path, target)
                continue
            except OSError:
                pass
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _movable(target: Path) -> bool:
    """Whether ``target`` may be replaced as a whole: missing, or a folder of plain files
    (no folders of its own) that does not hold the current directory."""
    if not target.exists():
        return True
    try:
        cwd = Path.cwd().resolve()
    except OSError:
        cwd = None
    if cwd is not None and (cwd == target or target in cwd.parents):
        return False
    return not any(e.is_dir(follow_symlinks=False) for e in os.scandir(target))


def _carry_over(old: Path, new: Path, written: set[str]) -> None:
    """Hard-link (or copy) into ``new`` each file of ``old`` this run did not write."""
    for entry in sorted(os.scandir(old), key=lambda e: e.name):
        if entry.name in written or entry.is_dir(follow_symlinks=False):
            continue
        dest = new / entry.name
        try:
            os.link(entry.path, dest, follow_symlinks=False)
        except OSError:
            try:
                shutil.copy2(entry.path, dest, follow_symlinks=False)
            except OSError as err:
                raise _named(err, Path(entry.path)) from None


def replace_folder(out_dir: Path | str, write: Callable[[Path], list[Path]]) -> list[Path]:
    """Let ``write(folder)`` write a report set into a new folder, then put it in place of
    ``out_dir`` in one step (see the module docstring). Returns the written paths as they
    are under ``out_dir``."""
    out_dir = Path(out_dir)
    target = Path(os.path.realpath(out_dir))
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_staging(target)
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}{STAGING_MARK}{os.getpid()}-", dir=target.parent))
    try:
        written = write(stage)
        names = {p.name for p in written}
        for p in written:
            try:
                _fsync(p)
            except OSError as err:
                raise _named(err, out_dir / p.name) from None
        if target.exists() and not target.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(out_dir))
        if not _movable(target):
            for p in written:  # complete files renamed one by one: a short window, no truncation
                try:
                    os.replace(p, target / p.name)
                except OSError as err:
                    raise _named(err, out_dir / p.name) from None
        else:
            if target.exists():
                _carry_over(target, stage, names)
            os.chmod(stage, _mode(target, 0o777))
            _fsync(stage)
            _swap_in(stage, target)
    except OSError as err:
        shutil.rmtree(stage, ignore_errors=True)
        raise _named(_unstaged(err, stage, out_dir), out_dir) from None
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    shutil.rmtree(stage, ignore_errors=True)  # now the old folder (or the emptied staging one)
    return [out_dir / p.name for p in written]


def _mode(path: Path, default: int) -> int:
    """The permissions ``path`` has, or ``default`` less the umask when it is missing
    (a temporary file is created private; the result should look like a plain write)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return default & ~mask


def _swap_in(stage: Path, target: Path) -> None:
    """Put ``stage`` at ``target``; afterwards ``stage`` holds the old folder, if any."""
    if not os.path.lexists(target):
        try:
            os.rename(stage, target)
            os.mkdir(stage)  # so that the caller's clean-up finds what it expects
            return
        except FileExistsError:
            pass  # created meanwhile by another run: exchange with it
        except OSError as err:
            if err.errno != errno.ENOTEMPTY:
                raise
    if _exchange(stage, target):
        return
    old = stage.with_name(f"{stage.name}-old")
    os.rename(target, old)
    os.rename(stage, target)
    os.rename(old, stage)
