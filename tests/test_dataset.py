"""Processed outputs: deterministic, described by a valid Data Package, nothing lost."""

from __future__ import annotations

import json

import pandas as pd

from plantargets.cli import main
from plantargets.dataset.assemble import extract_documents
from plantargets.dataset.manifest import load_manifest
from plantargets.dataset.processed import build_processed, write_dataset
from plantargets.extract.tables import find_tables
from plantargets.read.text import read_document
from plantargets.vocab.columns import INDICATOR_COLUMNS

from .conftest import SEEDS


def test_rebuild_is_byte_identical(tmp_path):
    sources = load_manifest()
    a, b = tmp_path / "a", tmp_path / "b"
    for out, jobs in ((a, 1), (b, 2)):  # jobs=2 writes the Excel files in a second process: same bytes
        write_dataset(extract_documents((s.path, s) for s in sources), out, sources, jobs=jobs)
    names = sorted(p.name for p in a.iterdir())
    assert {"target_outcomes.dta", "plan_outcomes.parquet", "target_outcomes.xlsx"} <= set(names)
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_datapackage_is_valid_frictionless(tmp_path):
    from frictionless import Package

    sources = load_manifest()
    write_dataset(extract_documents((s.path, s) for s in sources), tmp_path, sources)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in descriptor["resources"]] == [
        "indicators",
        "sector_mix",
        "quality",
        "target_outcomes",
        "plan_outcomes",
        "region_hierarchy",
    ]
    assert [f["name"] for f in descriptor["resources"][0]["schema"]["fields"]] == INDICATOR_COLUMNS
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_parquet_round_trips(tmp_path):
    sources = load_manifest()
    write_dataset(extract_documents((s.path, s) for s in sources), tmp_path, sources)
    csv = pd.read_csv(tmp_path / "indicators.csv", keep_default_na=False, dtype=str)
    pq = pd.read_parquet(tmp_path / "indicators.parquet")
    assert list(pq.columns) == INDICATOR_COLUMNS
    assert len(pq) == len(csv)


def test_no_table_line_is_lost():
    """Every non-blank line inside a detected table is a header, a row, a note or a finding."""
    ds = extract_documents((s.path, s) for s in load_manifest())
    texts = set(ds.indicators["raw"]) | set(ds.quality["raw"]) | set(ds.indicators["category"])
    blob = "\n".join(texts)
    for doc_id, path in SEEDS.items():
        doc = read_document(path)
        for table in find_tables(doc):
            header_and_notes = " ".join([table.title, *table.columns, *table.notes])
            for lineno in range(table.line, table.end_line + 1):
                cells = [c.strip() for c in doc.line(lineno).text.replace("\t", "|").split("|")]
                for cell in cells:
                    if not cell:
                        continue
                    assert cell.replace(" ", "") in blob.replace(" ", "") or cell.replace(
                        " ", ""
                    ) in header_and_notes.replace(" ", ""), (
                        f"{doc_id}:{lineno}: cell {cell!r} is in no row, header, note or finding"
                    )


def test_extract_command_without_manifest(tmp_path, capsys):
    doc = tmp_path / "some_plan.txt"
    doc.write_text(SEEDS["hure-fyp14"].read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["extract", str(doc), "--out", str(tmp_path / "out")]) == 0
    ind = pd.read_csv(tmp_path / "out" / "indicators.csv", keep_default_na=False, dtype=str)
    assert set(ind["doc_id"]) == {"some_plan"}
    assert set(ind["region"]) == {"库伦旗"}  # no manifest row: the region the title names
    main_rows = ind[ind["table"] == "fyp14_main"]
    assert len(main_rows) == 20


def test_build_processed_is_incremental(tmp_path):
    first = build_processed(out_dir=tmp_path)
    assert first["skipped"] is False and first["documents"] == 5
    second = build_processed(out_dir=tmp_path)
    assert second["skipped"] is True
    assert second["rows"] == first["rows"]
