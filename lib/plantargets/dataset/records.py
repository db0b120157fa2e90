"""One table row, prose fact or sector-mix statement as a record of the processed tables.

The record builders are where a parsed structure meets the catalogue and the document's
context (docs/DATA_CONTRACT.md gives every column); a cell they cannot read becomes a
quality finding beside the record, never a silent gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from plantargets.dataset.catalog import Catalog
from plantargets.dataset.manifest import Source
from plantargets.extract.prose import ProseFact, SectorMix
from plantargets.extract.tables import Table, TableRow
from plantargets.extract.values import Value, parse_value
from plantargets.read.text import Document, compact
from plantargets.vocab.periods import plan_mentions, plan_years

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


def quality_record(
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
                quality_record(
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
            quality_record(
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
        findings.append(quality_record(ctx, row.line, "row_shape", problem, row.raw, "warning", table.table, row.name))
    if not code:
        findings.append(
            quality_record(
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
            quality_record(
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


def mix_record(mix: SectorMix, ctx: DocContext) -> dict:
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
