"""Report workers die with their build, and a crash between two renames is repaired next time.

After ``kill -9`` of ``plantargets build`` its workers used to keep running and rewrite HTML
after a later build had taken the lock (issue 16, case 6). Now each worker asks Linux to
SIGKILL it when its parent dies (``prctl(PR_SET_PDEATHSIG)``); its kernels follow within a
second (ipykernel polls ``JPY_PARENT_PID``, which jupyter_client sets to the worker). On
systems without prctl the worker checks, before publishing anything, that the build that
started it is still its parent.

Publishing a report's CSV folder takes two renames (old set aside, new moved in); a crash
between them left ``<name>_data`` missing. :func:`repair_interrupted_moves` runs at the start
of every build, under the lock, and puts the set-aside folder back.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import shutil
import signal
import sys
from pathlib import Path

PR_SET_PDEATHSIG = 1  # linux/prctl.h
# What _move_tables names the folder it sets aside: '<name>_data.old-<8 hex>'.
SET_ASIDE_RE = re.compile(r"^(?P<name>.+_data)\.old-[0-9a-f]{8}$")
_PARENT: int | None = None


def die_with_parent() -> bool:
    """Make the kernel SIGKILL this process when its parent exits; remember the parent.

    Returns True when the kernel will do it (Linux), False when only :func:`parent_alive`
    guards (other systems).
    """
    global _PARENT
    _PARENT = os.getppid()
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        ok = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False
    if os.getppid() != _PARENT:  # the parent died before prctl took effect
        os.kill(os.getpid(), signal.SIGKILL)
    return ok


def parent_alive() -> bool:
    """False when the build that started this worker has gone (the worker was re-parented)."""
    return _PARENT is None or os.getppid() == _PARENT


def repair_interrupted_moves(reports_dir: Path) -> list[str]:
    """Put back CSV folders set aside by a publish that crashed between its two renames.

    A set-aside folder whose report folder is missing is the last good set: renamed back.
    One whose report folder exists is a leftover of a finished publish: removed. Returns
    the names of the folders restored.
    """
    restored: list[str] = []
    if not reports_dir.is_dir():
        return restored
    for entry in sorted(reports_dir.iterdir()):
        m = SET_ASIDE_RE.match(entry.name)
        if not m or not entry.is_dir():
            continue
        target = reports_dir / m.group("name")
        if target.exists():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                os.replace(entry, target)
                restored.append(target.name)
    return restored
