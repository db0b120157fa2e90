"""Atomic file writes and a build lock.

Outputs are written to a temporary file in the same folder and renamed over the target,
so an interrupted build leaves the previous output intact and readers never see half a
file; a lock file keeps two builds from writing the same folder at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from plantargets.errors import InputError, PlanTargetsError


def _umask_mode() -> int:
    """The mode a plain ``open()`` would give a new file: 0o666 less the process umask.

    ``mkstemp`` creates 0600 files whatever the umask; outputs are meant to be read by others
    (a web server, colleagues on a shared drive), so they get the mode the user's umask says.
    """
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _stage(path: Path, data: bytes) -> str:
    """Write ``data`` in full to a temporary file beside ``path`` (flushed, published mode)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _umask_mode())
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.errno is not None:  # name the output, not our temporary
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    return tmp


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old file or the new one, never half."""
    path = Path(path)
    tmp = _stage(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_many(files: dict[Path, bytes]) -> None:
    """Write several files so that an interruption leaves the previous set, not a mix.

    Every file is first written in full to a temporary file beside its target (and
    flushed to disk); only then are the temporaries renamed over the targets, one quick
    ``os.replace`` each. An error or interrupt while writing — the slow part — removes the
    temporaries and leaves every previous output untouched. Only a crash between two renames
    can leave a mix, and a build that did not finish writes no stamp, so it is redone.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            staged.append((_stage(Path(path), data), Path(path)))
        while staged:
            tmp, path = staged[0]
            os.replace(tmp, path)
            staged.pop(0)
    except BaseException:
        for tmp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise


def file_sha256(path: Path) -> str:
    """sha256 of a file, read in chunks (documents and data files can be large)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


class LockHeld(PlanTargetsError):
    """Another process holds the lock."""


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def build_lock(lock_path: Path, what: str = "build") -> Iterator[None]:
    """Hold ``lock_path`` for the duration; a lock left by a dead process is taken over."""
    lock_path = Path(lock_path)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    if lock_path.is_dir():
        raise InputError(f"the {what} lock path is a directory, not a lock file; remove it", file=lock_path)
    for _ in range(2):
        try:
            fd = os.open(lock_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                pid = int(lock_path.read_text().strip() or "0")
            except (OSError, ValueError):
                pid = 0
            if pid and pid != os.getpid() and _pid_alive(pid):
                raise LockHeld(f"another {what} is running (pid {pid}); lock file {lock_path}") from None
            with contextlib.suppress(FileNotFoundError):
                lock_path.unlink()
            continue
        with os.fdopen(fd, "w") as fh:
            fh.write(str(os.getpid()))
        break
    else:  # pragma: no cover - lost a race twice
        raise LockHeld(f"could not take the lock {lock_path}")
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            lock_path.unlink()
