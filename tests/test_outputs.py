"""reports.outputs: where a notebook's ``save_table`` writes the numbers behind a table or figure.

tests/test_reports.py covers the build's folder (PLANTARGETS_REPORT_DATA_DIR); here the other
rules: an interactive session writes to a scratch folder named after its notebook, and a name
must be a portable file stem. The frame saved is 库伦旗's first indicator row
(data/raw/003_3e4f07611e85fb5a.txt:60: 地区生产总值增长, 亿元, 54 → 72.26).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from plantargets import paths
from plantargets.reports.outputs import DATA_DIR_ENV, SESSION_ENV, report_data_dir, save_table

ROW = pd.DataFrame({"name": ["地区生产总值增长"], "unit": ["亿元"], "base_value": [54.0], "target_value": [72.26]})


@pytest.fixture
def no_session(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    monkeypatch.delenv(SESSION_ENV, raising=False)
    return monkeypatch


def test_the_build_folder_wins(no_session: pytest.MonkeyPatch, tmp_path: Path) -> None:
    no_session.setenv(DATA_DIR_ENV, str(tmp_path / "growth_data.tmp"))
    no_session.setenv(SESSION_ENV, "notebooks/01_growth.ipynb")
    assert report_data_dir() == tmp_path / "growth_data.tmp"


def test_a_jupyter_session_writes_to_a_scratch_folder_named_after_its_notebook(
    no_session: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    no_session.setattr(paths, "REPORTS_DIR", tmp_path / "reports")
    no_session.setenv(SESSION_ENV, "notebooks/01_growth.ipynb")
    assert report_data_dir() == tmp_path / "reports" / "interactive" / "01_growth"
    path = save_table(ROW, "growth_targets")
    assert path == tmp_path / "reports" / "interactive" / "01_growth" / "growth_targets.csv"
    assert path.read_text(encoding="utf-8") == "name,unit,base_value,target_value\n地区生产总值增长,亿元,54.0,72.26\n"


def test_without_a_session_the_scratch_folder_is_interactive(no_session: pytest.MonkeyPatch, tmp_path: Path) -> None:
    no_session.setattr(paths, "REPORTS_DIR", tmp_path / "reports")
    assert report_data_dir() == tmp_path / "reports" / "interactive" / "interactive"


def test_the_index_is_kept_only_when_asked(no_session: pytest.MonkeyPatch, tmp_path: Path) -> None:
    no_session.setenv(DATA_DIR_ENV, str(tmp_path))
    by_region = ROW.set_index("name")
    assert save_table(by_region, "by_region", index=True).read_text(encoding="utf-8").startswith("name,unit,")
    assert save_table(by_region, "no_index").read_text(encoding="utf-8").startswith("unit,base_value,")
    assert save_table(ROW, "fig1.csv").name == "fig1.csv"  # a .csv suffix is not doubled


@pytest.mark.parametrize("name", ["../escape", "", "_hidden", "a/b", "地区", "x" * 82, "a b"])
def test_names_that_are_not_portable_file_stems_are_refused(
    no_session: pytest.MonkeyPatch, tmp_path: Path, name: str
) -> None:
    no_session.setenv(DATA_DIR_ENV, str(tmp_path))
    with pytest.raises(ValueError, match="table name"):
        save_table(ROW, name)
    assert list(tmp_path.iterdir()) == []


def test_the_module_imports_nothing_heavy() -> None:
    """It is imported inside every report kernel: pandas only when a table is saved."""
    script = "import sys, plantargets.reports.outputs; print(sorted({'pandas', 'numpy'} & set(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
