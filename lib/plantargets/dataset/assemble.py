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
from plantargets.dataset.checks import QUALITY_COLUMNS, run_checks
from plantargets.dataset.manifest import Source
from plantargets.dataset.records import DocContext, infer_context, mix_record, prose_record, quality_record, row_record
from plantargets.extract.prose import extract_prose_and_sector_mix
from plantargets.extract.tables import Table, find_tables
from plantargets.read.dispatch import read_any
from plantargets.read.text import Document

INDICATOR_COLUMNS = [
    "source_file",
    "doc_id",
    "region",
    "table",
    "seq",
    "category",
    "name",
    "indicator",
    "unit",
    "base_year",
    "base_value",
    "target_year",
    "target_value",
    "target_text",
    "annual_growth",
    "cumulative",
    "qualifier",
    "attribute",
    "line",
    "raw",
]
SECTOR_MIX_COLUMNS = [
    "source_file",
    "doc_id",
    "region",
    "year",
    "kind",
    "primary",
    "secondary",
    "tertiary",
    "line",
    "raw",
]

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
            record, findings = row_record(table, row, ctx, catalog)
            result.records.append(record)
            result.quality.extend(findings)
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
    if not tables and ctx.doc_type == "fyp_outline":
        result.quality.append(
            quality_record(ctx, None, "no_table", "no indicator table found in this plan outline", "", "warning")
        )
    # One walk over the sentences serves both: prose facts and the sector mix share it.
    facts, mixes = extract_prose_and_sector_mix(
        doc, ctx.plan_start, ctx.plan_end, ctx.report_year, skip_lines=table_lines
    )
    for fact in facts:
        record, findings = prose_record(fact, ctx, catalog)
        result.records.append(record)
        result.quality.extend(findings)
    for mix in mixes:
        result.sector_mix.append(mix_record(mix, ctx))
    for warning in doc.warnings:
        result.quality.append(quality_record(ctx, None, "document", warning, "", "warning"))
    return result


def _frame(rows: list[dict], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns))


def _as_bool(value: object) -> bool:
    """True/False from a bool or its text form; a CSV read as text gives 'False', which is truthy."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value) if value is not None and value == value else False


def typed_indicators(df: pd.DataFrame) -> pd.DataFrame:
    """Contract dtypes: numbers as float, years and lines as nullable ints, text as str."""
    out = df.copy()
    for col in ("base_value", "target_value", "annual_growth"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    for col in ("base_year", "target_year", "line"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")
    out["cumulative"] = out["cumulative"].map(_as_bool).astype(bool)
    for col in INDICATOR_COLUMNS:
        if col not in ("base_value", "target_value", "annual_growth", "base_year", "target_year", "line", "cumulative"):
            out[col] = out[col].fillna("").astype(str)
    return out[INDICATOR_COLUMNS]


def typed_sector_mix(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in ("primary", "secondary", "tertiary"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    for col in ("year", "line"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")
    for col in ("source_file", "doc_id", "region", "kind", "raw"):
        out[col] = out[col].fillna("").astype(str)
    return out[SECTOR_MIX_COLUMNS]


def typed_quality(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["line"] = pd.to_numeric(out["line"], errors="coerce").astype("Int64")
    for col in QUALITY_COLUMNS:
        if col != "line":
            out[col] = out[col].fillna("").astype(str)
    return out[QUALITY_COLUMNS]


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
    records: list[dict] = []
    mixes: list[dict] = []
    quality: list[dict] = []
    contexts: list[DocContext] = []
    taken: dict[str, Path] = {}
    for path, source in items:
        doc = read_any(path)
        res = extract_document(doc, source, catalog)
        res = distinct_doc_id(res, Path(path), taken)
        records.extend(res.records)
        mixes.extend(res.sector_mix)
        quality.extend(res.quality)
        contexts.append(res.context)
    indicators = typed_indicators(_frame(records, INDICATOR_COLUMNS))
    sector_mix = typed_sector_mix(_frame(mixes, SECTOR_MIX_COLUMNS))
    found = typed_quality(_frame(quality, QUALITY_COLUMNS))
    checks = typed_quality(run_checks(indicators, sector_mix))
    all_quality = pd.concat([found, checks], ignore_index=True) if len(checks) else found
    order = {c.doc_id: i for i, c in enumerate(contexts)}
    all_quality = (
        all_quality.assign(_doc=all_quality["doc_id"].map(order))
        .sort_values(["_doc", "line", "check", "name", "message"], na_position="first", kind="stable")
        .drop(columns="_doc")
        .reset_index(drop=True)
    )
    return Dataset(indicators, sector_mix, all_quality, contexts)


__all__ = [
    "INDICATOR_COLUMNS",
    "SECTOR_MIX_COLUMNS",
    "Dataset",
    "DocContext",
    "DocumentResult",
    "extract_document",
    "extract_documents",
    "infer_context",
]
