"""The manifest is validated on load: every problem names the row."""

from __future__ import annotations

import csv
import dataclasses
import shutil
import typing
from pathlib import Path

import pytest

from plantargets import paths
from plantargets.dataset.manifest import COLUMNS, INT_COLUMNS, Source, file_sha256, load_manifest
from plantargets.errors import ManifestError

from .conftest import RAW


def test_bundled_manifest_lists_the_five_seeds_with_checksums():
    sources = load_manifest()
    assert [s.doc_id for s in sources] == [
        "kizilsu-fyp14",
        "urumqi-etdz-fyp14",
        "xinjiang-gwr2023",
        "hure-fyp14",
        "tacheng-fyp14",
    ]
    by_id = {s.doc_id: s for s in sources}
    assert by_id["kizilsu-fyp14"].admin_code == "653000"
    assert by_id["kizilsu-fyp14"].plan_number == 14
    assert (by_id["kizilsu-fyp14"].plan_start, by_id["kizilsu-fyp14"].plan_end) == (2021, 2025)
    assert by_id["xinjiang-gwr2023"].report_year == 2023
    assert by_id["xinjiang-gwr2023"].doc_type == "work_report"
    assert by_id["hure-fyp14"].parent_code == "150500"
    for s in sources:
        assert s.sha256 == file_sha256(s.path)


def _write(tmp_path: Path, rows: list[dict[str, str]], header: tuple[str, ...] = COLUMNS) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    for r in rows:
        src = RAW / r["file"]
        if src.is_file() and not (raw / r["file"]).exists():
            shutil.copy(src, raw / r["file"])
    path = raw / "sources.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(header), extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    return path


def _good_rows() -> list[dict[str, str]]:
    with open(paths.MANIFEST, encoding="utf-8") as fh:  # the seeds' rows (tests/conftest.py)
        return list(csv.DictReader(fh))


def test_good_copy_loads(tmp_path):
    path = _write(tmp_path, _good_rows())
    assert len(load_manifest(path)) == 5


@pytest.mark.parametrize(
    ("row_index", "column", "value", "message"),
    [
        (1, "doc_id", "kizilsu-fyp14", "duplicate doc_id 'kizilsu-fyp14' (first on line 2)"),
        (2, "level", "city", "level 'city' must be one of"),
        (0, "doc_type", "plan", "doc_type 'plan' must be one of"),
        (3, "admin_code", "15052", "admin_code '15052' must be a six-digit"),
        (4, "file", "missing.txt", "file 'missing.txt' does not exist"),
        (0, "period", "2021-2026", "must be a five-year span"),
        (2, "report_year", "", "a work_report needs its report_year"),
        (1, "doc_id", "Urumqi ETDZ", "must be lower-case letters"),
        (0, "sha256", "0" * 64, "its sha256 no longer matches"),
        (3, "region_zh", "", "column 'region_zh' is empty"),
    ],
)
def test_broken_manifest_names_the_row(tmp_path, row_index, column, value, message):
    rows = _good_rows()
    rows[row_index][column] = value
    path = _write(tmp_path, rows)
    with pytest.raises(ManifestError) as err:
        load_manifest(path)
    text = str(err.value)
    assert message in text
    assert f"sources.csv:{row_index + 2}:" in text


def test_unknown_column_is_rejected(tmp_path):
    rows = _good_rows()
    path = _write(tmp_path, rows, header=(*COLUMNS, "colour"))
    with pytest.raises(ManifestError, match="unknown column"):
        load_manifest(path)


def test_missing_manifest_is_a_clear_error(tmp_path):
    with pytest.raises(ManifestError, match="manifest not found"):
        load_manifest(tmp_path / "sources.csv")


def test_every_manifest_column_is_a_source_field_and_whole_numbers_are_ints():
    # validate_row builds Source from the row's columns by name: a column without a field (or a
    # field without a column, besides the resolved path) would fail for every row.
    fields = {f.name: f.type for f in dataclasses.fields(Source)}
    assert set(fields) - set(COLUMNS) == {"path"} and set(COLUMNS) <= set(fields)
    assert {name for name, kind in fields.items() if "int" in str(kind)} == set(INT_COLUMNS)
    assert typing.get_type_hints(Source)["size"] == int | None
