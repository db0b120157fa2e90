"""From documents to the processed tables: indicators, sector mix and quality findings.

This is where structure (tables.py, prose.py) meets values (values.py) and the catalogue:
each table row or prose fact becomes one row of the indicators contract
(docs/DATA_CONTRACT.md). Nothing is dropped: a cell that cannot be read, a row of odd
shape or a line inside a table that is not a row ends up in quality.csv with its raw text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from plantargets.dataset.catalog import Catalog
from plantargets.dataset.checks import QUALITY_COLUMNS, run_checks
from plantargets.dataset.manifest import Source
from plantargets.dataset.ocr_rows import ocr_row_record
from plantargets.extract.prose import ProseFact, SectorMix, extract_prose_and_sector_mix
from plantargets.extract.tables import Table, TableRow, find_tables
from plantargets.extract.values import Value, parse_value
from plantargets.read.dispatch import read_any
from plantargets.read.text import Document, compact
from plantargets.vocab.periods import plan_mentions, plan_number, plan_years

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
    "origin",
    "ocr_confidence",
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
ATTRIBUTES = ("预期性", "约束性")
# A name that says its figure is a five-year total (城镇新增就业五年累计, 累计新增…) marks its
# values as cumulative even without brackets; a bare trailing 累计 on a level such as
# 人均预期寿命累计 (库伦旗) does not, because a life expectancy cannot be summed over years.
CUMULATIVE_NAME = re.compile(r"五年累计|累计(?:新增|完成|实现|减少|下降|降低|增加|提高)")
# Work reports announce themselves in their first lines; the year is the report's own year.
WORK_REPORT_RE = re.compile(r"(20\d\d)年.{0,12}政府工作报告|政府工作报告")


@dataclass(frozen=True)
class DocContext:
    """What the extractor needs to know about a document besides its text."""

    source_file: str
    doc_id: str
    region: str
    doc_type: str  # fyp_outline | work_report | unknown
    plan: int | None  # plan number for outlines (14 for 2021-2025)
    plan_start: int | None
    plan_end: int | None
    report_year: int | None


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


def infer_context(doc: Document, source: Source | None) -> DocContext:
    """Context from the manifest row, else guessed from the document's opening lines."""
    if source is not None:
        plan = source.plan_number
        return DocContext(
            source_file=doc.name,
            doc_id=source.doc_id,
            region=source.region_zh,
            doc_type=source.doc_type,
            plan=plan,
            plan_start=source.plan_start,
            plan_end=source.plan_end,
            report_year=source.report_year,
        )
    head = "\n".join(line.text for line in doc.lines[:40])
    stem = Path(doc.name).stem
    m = WORK_REPORT_RE.search(head)
    if m and "规划" not in head[: m.start()]:
        year = int(m.group(1)) if m.group(1) else None
        return DocContext(doc.name, stem, "", "work_report", None, None, None, year)
    mentions = plan_mentions(head) or plan_mentions("\n".join(line.text for line in doc.lines[:400]))
    plan = max(mentions) if mentions else None
    start, end = plan_years(plan) if plan else (None, None)
    return DocContext(doc.name, stem, "", "fyp_outline" if plan else "unknown", plan, start, end, None)


def _quality(
    ctx: DocContext,
    line: int | None,
    check: str,
    message: str,
    raw: str,
    severity: str = "warning",
    table: str = "",
    name: str = "",
    indicator: str = "",
) -> dict:
    return {
        "source_file": ctx.source_file,
        "doc_id": ctx.doc_id,
        "line": line,
        "table": table,
        "indicator": indicator,
        "name": name,
        "check": check,
        "severity": severity,
        "message": message,
        "raw": raw,
    }


def _attribute(cell: str) -> str:
    c = compact(cell)
    return c if c in ATTRIBUTES else ""


def row_record(table: Table, row: TableRow, ctx: DocContext, catalog: Catalog) -> tuple[dict, list[dict]]:
    """One table row as a contract record, plus quality findings for cells it could not read."""
    findings: list[dict] = []
    parsed: dict[str, Value] = {}
    for role in ("base", "target", "annual"):
        cell = row.cells.get(role, "")
        v = parse_value(cell)
        parsed[role] = v
        if v.problem:
            findings.append(
                _quality(
                    ctx,
                    row.line,
                    "unreadable_value",
                    f"{role} cell: {v.problem}",
                    row.raw,
                    "warning",
                    table.table,
                    row.name,
                )
            )
    base, target, annual = parsed["base"], parsed["target"], parsed["annual"]
    holder = target
    if target.qualifier == "missing" and annual.qualifier != "missing" and (annual.qualifier != "exact" or annual.text):
        # The annual column holds the only target (高于GDP增长, >7, 保持在合理区间…).
        holder = annual
    target_text = holder.text if holder.qualifier in ("text", "range") or holder.text else ""
    attr_cell = row.cells.get("attribute", "")
    attribute = _attribute(attr_cell)
    if attr_cell.strip() and not attribute:
        findings.append(
            _quality(
                ctx,
                row.line,
                "unknown_attribute",
                f"attribute cell {attr_cell!r} is neither 预期性 nor 约束性",
                row.raw,
                "info",
                table.table,
                row.name,
            )
        )
    cumulative = any(v.cumulative for v in parsed.values()) or bool(CUMULATIVE_NAME.search(row.name))
    # Tables without a unit column (专栏15 in the Urumqi ETDZ outline) carry the unit in the
    # value cells ('≤5‰', '≥90元'): take it from the target, else the base cell.
    unit = row.unit or target.unit or base.unit or annual.unit
    code = catalog.match(row.name, unit) or ""
    record = {
        "source_file": ctx.source_file,
        "doc_id": ctx.doc_id,
        "region": ctx.region,
        "table": table.table,
        "seq": row.seq,
        "category": row.category,
        "name": row.name,
        "indicator": code,
        "unit": unit,
        "base_year": table.base_year,
        "base_value": base.number,
        "target_year": table.target_year,
        "target_value": target.number,
        "target_text": target_text,
        "annual_growth": annual.number,
        "cumulative": cumulative,
        "qualifier": holder.qualifier,
        "attribute": attribute,
        "line": row.line,
        "raw": row.raw,
    }
    for problem in row.problems:
        findings.append(_quality(ctx, row.line, "row_shape", problem, row.raw, "warning", table.table, row.name))
    if not code:
        findings.append(
            _quality(
                ctx,
                row.line,
                "uncatalogued",
                f"indicator name {row.name!r} is not in the catalogue",
                row.raw,
                "info",
                table.table,
                row.name,
            )
        )
    return record, findings


def prose_record(fact: ProseFact, ctx: DocContext, catalog: Catalog) -> tuple[dict, list[dict]]:
    """One prose fact as a contract record (table 'prose')."""
    v = fact.value
    is_growth = fact.measure == "growth" or fact.annual_growth is not None
    growth_name = fact.name + "增长" if is_growth and not fact.name.endswith(("增长", "增速")) else fact.name
    code = catalog.match(growth_name, fact.unit) or ""
    if not code:
        # The bare name may still be a catalogued rate; for a growth fact only a growth code
        # will do (城乡居民收入 growth is not the urban-rural income ratio).
        fallback = catalog.match(fact.name, fact.unit) or ""
        if fallback and (not is_growth or catalog.get(fallback).kind == "growth"):
            code = fallback
    # A growth target (增长7%左右) is a rate: it goes to annual_growth, like the annual column of
    # a table, and target_value stays for levels and rates of the indicator itself (失业率5.5%).
    target_value = None if v is None or fact.measure == "growth" else v.number
    record = {
        "source_file": ctx.source_file,
        "doc_id": ctx.doc_id,
        "region": ctx.region,
        "table": "prose",
        "seq": "",
        "category": "",
        "name": fact.name,
        "indicator": code,
        "unit": fact.unit,
        "base_year": fact.base_year,
        "base_value": fact.base_value,
        "target_year": fact.target_year,
        "target_value": target_value,
        "target_text": (v.text if v is not None else ""),
        "annual_growth": fact.annual_growth,
        "cumulative": bool(v.cumulative) if v is not None else False,
        "qualifier": v.qualifier if v is not None else "missing",
        "attribute": "",
        "line": fact.line,
        "raw": fact.sentence,
    }
    findings = []
    if not code:
        findings.append(
            _quality(
                ctx,
                fact.line,
                "uncatalogued",
                f"prose indicator {fact.name!r} is not in the catalogue",
                fact.sentence,
                "info",
                "prose",
                fact.name,
            )
        )
    return record, findings


def _mix_record(mix: SectorMix, ctx: DocContext) -> dict:
    return {
        "source_file": ctx.source_file,
        "doc_id": ctx.doc_id,
        "region": ctx.region,
        "year": mix.year,
        "kind": mix.kind,
        "primary": mix.primary,
        "secondary": mix.secondary,
        "tertiary": mix.tertiary,
        "line": mix.line,
        "raw": mix.raw,
    }


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
        for lineno, raw in table.unparsed:
            result.quality.append(
                _quality(
                    ctx,
                    lineno,
                    "unparsed_line",
                    "a line inside the table is neither header nor row; kept here",
                    raw,
                    "warning",
                    table.table,
                )
            )
    if doc.path is not None and any("![" in ln.raw or "<img" in ln.raw for ln in doc.lines):
        _add_image_tables(doc, ctx, catalog, result)
    if not result.tables and ctx.doc_type == "fyp_outline":
        result.quality.append(
            _quality(ctx, None, "no_table", "no indicator table found in this plan outline", "", "warning")
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
        result.sector_mix.append(_mix_record(mix, ctx))
    for warning in doc.warnings:
        result.quality.append(_quality(ctx, None, "document", warning, "", "warning"))
    return result


def _add_image_tables(doc: Document, ctx: DocContext, catalog: Catalog, result: DocumentResult) -> None:
    """Tables printed as images the document references (see ``extract.image_tables``)."""
    from plantargets.dataset.ocr_rows import image_rows
    from plantargets.extract.image_tables import image_tables

    found, missing = image_tables(doc, ctx.plan)
    records, findings = image_rows(found, ctx, catalog, row_record)
    result.tables.extend(it.table for it in found)
    result.records.extend(records)
    result.quality.extend(findings)
    if missing:
        names = ", ".join(f"{r.src} (line {r.line})" for r in missing[:5]) + (" …" if len(missing) > 5 else "")
        message = f"{len(missing)} referenced image(s) are not beside the document and were not read: {names}"
        result.quality.append(_quality(ctx, missing[0].line, "image_missing", message, "", "info"))


def _frame(rows: list[dict], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns))


def _as_bool(value: object) -> bool:
    """True/False from a bool or its text form; a CSV read as text gives 'False', which is truthy."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value) if value is not None and value == value else False


_TYPED = (
    "base_value",
    "target_value",
    "annual_growth",
    "ocr_confidence",
    "base_year",
    "target_year",
    "line",
    "cumulative",
)


def typed_indicators(df: pd.DataFrame) -> pd.DataFrame:
    """Contract dtypes: numbers as float, years and lines as nullable ints, text as str."""
    out = df.copy()
    for col in ("base_value", "target_value", "annual_growth", "ocr_confidence"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    for col in ("base_year", "target_year", "line"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")
    out["cumulative"] = out["cumulative"].map(_as_bool).astype(bool)
    for col in INDICATOR_COLUMNS:
        if col not in _TYPED:
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


def extract_documents(items: Iterable[tuple[Path, Source | None]], catalog: Catalog | None = None) -> Dataset:
    """Extract many documents into one Dataset, in the order given, with checks run."""
    catalog = catalog or Catalog.load()
    records: list[dict] = []
    mixes: list[dict] = []
    quality: list[dict] = []
    contexts: list[DocContext] = []
    for path, source in items:
        doc = read_any(path)
        res = extract_document(doc, source, catalog)
        records.extend(res.records)
        mixes.extend(res.sector_mix)
        quality.extend(res.quality)
        contexts.append(res.context)
    indicators = typed_indicators(_frame(records, INDICATOR_COLUMNS))
    sector_mix = typed_sector_mix(_frame(mixes, SECTOR_MIX_COLUMNS))
    found = typed_quality(_frame(quality, QUALITY_COLUMNS))
    checks = typed_quality(run_checks(indicators, sector_mix))
    all_quality = pd.concat([found, checks], ignore_index=True) if len(checks) else found
    order = {c.source_file: i for i, c in enumerate(contexts)}
    all_quality = (
        all_quality.assign(_doc=all_quality["source_file"].map(order))
        .sort_values(["_doc", "line", "check", "name", "message"], na_position="first", kind="stable")
        .drop(columns="_doc")
        .reset_index(drop=True)
    )
    return Dataset(indicators, sector_mix, all_quality, contexts)


def _csv_bytes(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _parquet_bytes(df: pd.DataFrame) -> bytes:
    import io

    buf = io.BytesIO()
    df.to_parquet(buf, index=False, engine="pyarrow", compression="zstd")
    return buf.getvalue()


def write_dataset(ds: Dataset, out_dir: Path, sources: list[Source] | None = None) -> list[Path]:
    """Write the processed tables as one set (see ``fileio.atomic_write_many``); a rebuild is byte-identical."""
    import hashlib
    import json

    from plantargets.dataset.datapackage import descriptor
    from plantargets.fileio import atomic_write_many

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    blobs = {
        "indicators.csv": _csv_bytes(ds.indicators),
        "sector_mix.csv": _csv_bytes(ds.sector_mix),
        "quality.csv": _csv_bytes(ds.quality),
        "indicators.parquet": _parquet_bytes(ds.indicators),
    }
    checksums = {name: hashlib.sha256(data).hexdigest() for name, data in blobs.items()}
    package = descriptor(sources or [], checksums)
    blobs["datapackage.json"] = (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    # All five staged first, then renamed: an interrupted write leaves the previous set.
    files = {out_dir / name: data for name, data in blobs.items()}
    atomic_write_many(files)
    return list(files)


def summary(ds: Dataset) -> dict:
    """Counts for the CLI, the report index and closing notes."""
    ind = ds.indicators
    tables = ind[ind["table"] != "prose"]
    coded = (ind["indicator"] != "").mean() if len(ind) else 0.0
    return {
        "documents": len(ds.documents),
        "rows": len(ind),
        "table_rows": len(tables),
        "prose_rows": int((ind["table"] == "prose").sum()),
        "sector_mix_rows": len(ds.sector_mix),
        "findings": len(ds.quality),
        "catalogue_coverage": round(float(coded), 4),
        "rows_by_table": {f"{d}/{t}": int(n) for (d, t), n in ind.groupby(["doc_id", "table"]).size().items()},
        "findings_by_check": {str(k): int(v) for k, v in ds.quality["check"].value_counts().sort_index().items()},
    }


def _inputs_fingerprint(sources: list[Source], manifest: Path) -> str:
    """Hash of everything the processed tables depend on: documents, manifest, library."""
    import hashlib

    from plantargets import paths

    h = hashlib.sha256()
    files = [manifest, *(s.path for s in sources)]
    files += paths.library_files()
    for f in files:
        h.update(str(f.name).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def build_processed(manifest: Path | None = None, out_dir: Path | None = None, force: bool = False) -> dict:
    """Extract every manifest document into ``out_dir`` unless nothing changed since last time.

    Returns the dataset summary plus ``skipped`` (True when the outputs were up to date).
    """
    import json

    from plantargets import paths
    from plantargets.dataset.manifest import load_manifest
    from plantargets.fileio import atomic_write_text, build_lock

    manifest = Path(manifest) if manifest else paths.MANIFEST
    out_dir = Path(out_dir) if out_dir else paths.PROCESSED_DIR
    sources = load_manifest(manifest)
    stamp = out_dir / ".extract.json"
    fingerprint = _inputs_fingerprint(sources, manifest)
    if not force and stamp.is_file():
        try:
            previous = json.loads(stamp.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
        if previous.get("fingerprint") == fingerprint and all(
            (out_dir / f).is_file() for f in ("indicators.csv", "quality.csv", "sector_mix.csv")
        ):
            return {**previous.get("summary", {}), "skipped": True}
    with build_lock(out_dir / ".extract.lock", "data extraction"):
        ds = extract_documents((s.path, s) for s in sources)
        write_dataset(ds, out_dir, sources)
        info = summary(ds)
        atomic_write_text(
            stamp,
            json.dumps({"fingerprint": fingerprint, "summary": info}, ensure_ascii=False, indent=2, sort_keys=True),
        )
    return {**info, "skipped": False}


__all__ = [
    "INDICATOR_COLUMNS",
    "SECTOR_MIX_COLUMNS",
    "Dataset",
    "DocContext",
    "DocumentResult",
    "extract_document",
    "extract_documents",
    "infer_context",
    "plan_number",
]
