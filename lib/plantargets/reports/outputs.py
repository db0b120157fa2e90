"""How a notebook hands the numbers behind its tables and figures to the report build.

Every table or figure in a report ships with its numbers as CSV beside the HTML (readers
re-use them; reviewers check them). A notebook calls :func:`save_table` once per table or
figure; it never decides where the file goes:

* during ``plantargets build`` the builder sets ``PLANTARGETS_REPORT_DATA_DIR`` to a fresh
  folder for that report, and moves its contents to ``reports/<report>_data/`` when the
  notebook succeeds (a failed run leaves the previous, consistent set in place);
* run interactively (Jupyter, ``papermill`` by hand) the files go to
  ``reports/interactive/<notebook stem>/``, a scratch folder the build never reads or
  publishes, so experimenting cannot overwrite a published report's numbers.

This module is imported inside notebook kernels, so it imports nothing heavy.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from plantargets import paths
from plantargets.fileio import atomic_write_bytes

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

DATA_DIR_ENV = "PLANTARGETS_REPORT_DATA_DIR"
# JupyterLab/jupyter_server tell the kernel which notebook it serves through this variable.
SESSION_ENV = "JPY_SESSION_NAME"
# Table names become file names in a folder that gets zipped and e-mailed: keep them portable.
TABLE_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")


def report_data_dir() -> Path:
    """The folder :func:`save_table` writes to (see the module docstring for the rules)."""
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured)
    session = os.environ.get(SESSION_ENV, "")
    stem = Path(session).stem if session else "interactive"
    return paths.REPORTS_DIR / "interactive" / (stem or "interactive")


def save_table(df: pd.DataFrame | pd.Series, name: str, *, index: bool = False) -> Path:
    """Write ``df`` as ``<name>.csv`` (UTF-8, header row) for the report being built.

    ``name`` says what the numbers are (``growth_targets``, ``fig2_sector_mix``); it must
    be a portable file stem. ``index=True`` keeps the index as the first column: use it
    when the index carries meaning (regions, years). Returns the path written; the write
    is atomic so a crash never leaves half a CSV next to a report.
    """
    if not TABLE_NAME_RE.match(name):
        raise ValueError(
            f"table name {name!r} must start with a letter or digit and use only letters, digits, '_', '.', '-'"
        )
    stem = name[:-4] if name.lower().endswith(".csv") else name
    frame = df.to_frame() if hasattr(df, "to_frame") and not hasattr(df, "columns") else df
    path = report_data_dir() / f"{stem}.csv"
    text = frame.to_csv(index=index, lineterminator="\n")
    atomic_write_bytes(path, text.encode("utf-8"))
    return path
