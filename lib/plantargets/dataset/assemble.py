"""From documents to the processed tables: indicators, sector mix and quality findings.

This is where structure (tables, prose) meets values and the catalogue: each table row or
prose fact becomes one row of the indicators contract (docs/DATA_CONTRACT.md) through the
builders of :mod:`plantargets.dataset.records`. Nothing is dropped: a cell that cannot be
read, a row of odd shape or a line inside a table that is not a row ends up in quality.csv
with its raw text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from plantargets.dataset.accounting import unaccounted_lines
from plantargets.dataset.catalog import Catalog
from plantargets.dataset.checks import run_checks
from plantargets.dataset.manifest import Source
from plantargets.dataset.ocr_rows import image_rows, ocr_row_record
from plantargets.dataset.records import DocContext, infer_context, mix_record, prose_record, quality_record, row_record
from plantargets.extract.image_tables import image_tables
from plantargets.extract.tables import Table, find_tables
from plantargets.extract.workreport import document_prose
from plantargets.read.dispatch import read_any
from plantargets.read.text import Document
from plantargets.vocab.columns import (
    INDICATOR_COLUMNS,
    QUALITY_COLUMNS,
    SECTOR_MIX_COLUMNS,
    frame,
    typed_indicators,
    typed_quality,
    typed_sector_mix,
)
from plantargets.vocab.findings import Wording

UNACCOUNTED_MESSAGE = (
    "a line inside the table reached no row, header or 注 note (the table reader skipped it); kept here"
)


@dataclass
class DocumentResult:
    """Everything extracted from one document."""

    context: DocContext
    records: list[dict] = field(default_factory=list)
    sector_mix: list[dict] = field(default_factory=list)
    quality: list[dict] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class Dataset:
    """The three processed tables."""

    indicators: pd.DataFrame
    sector_mix: pd.DataFrame
    quality: pd.DataFrame
    documents: list[DocContext]


def extract_document(doc: Document, source: Source | None = None, catalog: Catalog | None = None) -> DocumentResult:
    """Tables, prose and sector mix of one document, with findings for what could not be read."""
    catalog = catalog or Catalog.load()
    ctx = infer_context(doc, source)
    result = DocumentResult(context=ctx)
    tables = find_tables(doc, plan=ctx.plan)
    result.tables = tables
    table_lines: set[int] = set()
    for table in tables:
        table_lines.update(range(table.line, table.end_line + 1))
        for row in table.rows:
            if row.line in doc.ocr:  # a row of a scanned page: OCR provenance and checks
                record, findings = ocr_row_record(table, row, doc.ocr[row.line], ctx, catalog, row_record)
            else:
                record, findings = row_record(table, row, ctx, catalog)
            result.records.append(record)
            result.quality.extend(findings)
        for note in table.notes:  # notes and text rows printed inside the table: kept, not data
            result.quality.append(
                quality_record(ctx, None, "table_note", "a note or text row of the table", note, "info", table.table)
            )
        for lineno, raw in table.unparsed:
            result.quality.append(
                quality_record(
                    ctx,
                    lineno,
                    "unparsed_line",
                    "a line inside the table is neither header nor row; kept here",
                    raw,
                    "warning",
                    table.table,
                )
            )
    for table, lineno, raw in unaccounted_lines(doc, tables):  # the invariant, on every build
        result.quality.append(
            quality_record(ctx, lineno, "unaccounted_line", UNACCOUNTED_MESSAGE, raw, "warning", table.table)
        )
    if doc.path is not None and any("![" in ln.raw or "<img" in ln.raw for ln in doc.lines):
        _add_image_tables(doc, ctx, catalog, result)
    if not result.tables and ctx.doc_type == "fyp_outline":
        result.quality.append(
            quality_record(ctx, None, "no_table", "no indicator table found in this plan outline", "", "warning")
        )
    # Work reports: their reader first, the general prose reader on the other lines.
    facts, mixes = document_prose(doc, ctx.doc_type, ctx.plan_start, ctx.plan_end, ctx.report_year, table_lines)
    for fact in facts:
        record, findings = prose_record(fact, ctx, catalog)
        result.records.append(record)
        result.quality.extend(findings)
    for mix in mixes:
        result.sector_mix.append(mix_record(mix, ctx))
    for warning in doc.warnings:
        result.quality.append(quality_record(ctx, None, "document", warning, "", "warning"))
    return result


def _add_image_tables(doc: Document, ctx: DocContext, catalog: Catalog, result: DocumentResult) -> None:
    """Tables printed as images the document references (see ``extract.image_tables``)."""

    found, missing = image_tables(doc, ctx.plan)
    records, findings = image_rows(found, ctx, catalog, row_record)
    result.tables.extend(it.table for it in found)
    result.records.extend(records)
    result.quality.extend(findings)
    if missing:
        names = ", ".join(f"{r.src} (line {r.line})" for r in missing[:5]) + (" …" if len(missing) > 5 else "")
        message = f"{len(missing)} referenced image(s) are not beside the document and were not read: {names}"
        said = Wording(message, params={"n": len(missing), "images": [f"{r.src}:{r.line}" for r in missing[:5]]})
        result.quality.append(quality_record(ctx, missing[0].line, "image_missing", said, "", "info"))


def distinct_doc_id(res: DocumentResult, path: Path, taken: dict[str, Path]) -> DocumentResult:
    """Give a document without a manifest row a doc_id no earlier document of this run has.

    Two different files named plan.txt (from two folders) would otherwise share the stem
    ``plan`` and be merged into one document (issue 16, case 7); the second becomes
    ``plan-2``, with a finding naming its path. ``taken`` maps doc_ids to paths, updated here.
    """
    doc_id = res.context.doc_id
    n = 1
    while doc_id in taken and taken[doc_id].resolve() != path.resolve():
        n += 1
        doc_id = f"{res.context.doc_id}-{n}"
    taken[doc_id] = path
    if doc_id == res.context.doc_id:
        return res
    ctx = dataclasses.replace(res.context, doc_id=doc_id)
    for row in (*res.records, *res.sector_mix, *res.quality):
        row["doc_id"] = doc_id
    message = f"another document of this run is also named {path.name}: this one ({path}) is doc_id {doc_id}"
    res.quality.append(quality_record(ctx, None, "document", message, "", "warning"))
    return dataclasses.replace(res, context=ctx)


def extract_documents(items: Iterable[tuple[Path, Source | None]], catalog: Catalog | None = None) -> Dataset:
    """Extract many documents into one Dataset, in the order given, with checks run."""
    catalog = catalog or Catalog.load()
    taken: dict[str, Path] = {}
    return assemble_dataset(
        distinct_doc_id(extract_document(read_any(path), source, catalog), Path(path), taken) for path, source in items
    )


def assemble_dataset(
    results: Iterable[DocumentResult], extra_quality: Sequence[dict] = (), checks: bool = True
) -> Dataset:
    """One Dataset from per-document results (in the order given), checks run, findings sorted.

    ``extra_quality`` are findings about documents that no single document shows (the same
    report under two names, a file whose text states another year: dataset.extraction);
    ``checks=False`` when the results already carry their check findings (extraction does).
    """
    records: list[dict] = []
    mixes: list[dict] = []
    quality: list[dict] = list(extra_quality)
    contexts: list[DocContext] = []
    for res in results:
        records.extend(res.records)
        mixes.extend(res.sector_mix)
        quality.extend(res.quality)
        contexts.append(res.context)
    indicators = typed_indicators(frame(records, INDICATOR_COLUMNS))
    return dataset_from_frames(
        indicators, frame(mixes, SECTOR_MIX_COLUMNS), frame(quality, QUALITY_COLUMNS), contexts, checks
    )


def dataset_from_frames(
    indicators: pd.DataFrame,
    sector_mix: pd.DataFrame,
    quality: pd.DataFrame,
    contexts: Sequence[DocContext],
    checks: bool = True,
) -> Dataset:
    """The Dataset of ``assemble_dataset`` from its tables: ``indicators`` already typed, the sector
    mix and the findings as extracted (in document order); checks run unless ``checks`` is False,
    findings sorted by document (``contexts``' order), line, check, name and message."""
    sector_mix = typed_sector_mix(sector_mix)
    found = typed_quality(quality)
    checked = typed_quality(run_checks(indicators, sector_mix)) if checks else found.iloc[0:0]
    all_quality = pd.concat([found, checked], ignore_index=True) if len(checked) else found
    order = {c.doc_id: i for i, c in enumerate(contexts)}
    all_quality = (
        all_quality.assign(_doc=all_quality["doc_id"].map(order))
        .sort_values(["_doc", "line", "check", "name", "message"], na_position="first", kind="stable")
        .drop(columns="_doc")
        .reset_index(drop=True)
    )
    return Dataset(indicators, sector_mix, all_quality, list(contexts))


__all__ = [
    "INDICATOR_COLUMNS",
    "SECTOR_MIX_COLUMNS",
    "Dataset",
    "DocContext",
    "DocumentResult",
    "assemble_dataset",
    "dataset_from_frames",
    "extract_document",
    "extract_documents",
    "infer_context",
]
