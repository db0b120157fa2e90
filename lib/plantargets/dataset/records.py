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
from plantargets.extract.context import guess_context
from plantargets.extract.prose import ProseFact, SectorMix
from plantargets.extract.tables import Table, TableRow
from plantargets.extract.values import Value, parse_value
from plantargets.read.text import Document, compact
from plantargets.vocab.findings import Finding, Wording, finding, worded
from plantargets.vocab.periods import plan_years
from plantargets.vocab.words import ATTRIBUTES

# A name that says its figure is a five-year total (城镇新增就业五年累计, 累计新增…) marks its
# values as cumulative even without brackets; a bare trailing 累计 on a level such as
# 人均预期寿命累计 (库伦旗) does not, because a life expectancy cannot be summed over years.
CUMULATIVE_NAME = re.compile(r"五年累计|累计(?:新增|完成|实现|减少|下降|降低|增加|提高)")


@dataclass(frozen=True)
class DocContext:
    """What the extractor needs to know about a document besides its text."""

    source_file: str  # the manifest path (corpus file names such as 2019.md repeat)
    doc_id: str
    region: str  # region name in Chinese (region_zh)
    doc_type: str  # fyp_outline | work_report | annual_plan | news | unknown (extract.context.DOC_TYPES)
    plan: int | None  # plan number for outlines (14 for 2021-2025)
    plan_start: int | None  # first year of the plan period (2021)
    plan_end: int | None  # last year of the plan period (2025)
    report_year: int | None  # a work report's year as its text states it (manifest report_year)


def infer_context(doc: Document, source: Source | None) -> DocContext:
    """Context from the manifest row, else what the document says it is (``extract.context``)."""
    if source is not None:
        plan = source.plan_number
        return DocContext(
            source_file=source.file,  # the manifest path: corpus file names (2019.md) repeat
            doc_id=source.doc_id,
            region=source.region_zh,
            doc_type=source.doc_type,
            plan=plan,
            plan_start=source.plan_start,
            plan_end=source.plan_end,
            report_year=source.report_year,
        )
    guess = guess_context(doc)
    stem = Path(doc.name).stem
    if guess.doc_type == "fyp_outline" and guess.plan:
        start, end = plan_years(guess.plan)
        return DocContext(doc.name, stem, guess.region, "fyp_outline", guess.plan, start, end, None)
    if guess.doc_type in ("work_report", "annual_plan", "news"):
        return DocContext(doc.name, stem, guess.region, guess.doc_type, None, None, None, guess.year)
    return DocContext(doc.name, stem, guess.region, "unknown", None, None, None, None)


def quality_record(
    ctx: DocContext, line: int | None, check: str, said: str | Wording, raw: str, *details: str
) -> Finding:
    """A quality finding about ``line`` of the document ``ctx`` describes, worded by ``said``.

    ``details`` are :func:`~plantargets.vocab.findings.finding`'s severity, table, name and
    indicator, in that order (severity defaults to 'warning').
    """
    w = worded(said)
    return finding(ctx.source_file, ctx.doc_id, line, check, w.message, raw, *details, code=w.code, params=w.params)


def _attribute(cell: str) -> str:
    c = compact(cell)
    return c if c in ATTRIBUTES else ""


def _row_finding(
    ctx: DocContext, table: Table, row: TableRow, check: str, said: str | Wording, severity: str
) -> Finding:
    """A finding about one table row, naming its table and indicator name."""
    return quality_record(ctx, row.line, check, said, row.raw, severity, table.table, row.name)


def _read_values(table: Table, row: TableRow, ctx: DocContext) -> tuple[dict[str, Value], list[Finding]]:
    """The base, target and annual cells parsed, with a finding for each one that cannot be read."""
    parsed = {role: parse_value(row.cells.get(role, "")) for role in ("base", "target", "annual")}
    findings = [
        _row_finding(
            ctx,
            table,
            row,
            "unreadable_value",
            Wording(f"{role} cell: {v.problem}", params={"role": role, "cell": v.raw}),
            "warning",
        )
        for role, v in parsed.items()
        if v.problem
    ]
    return parsed, findings


def _target_holder(target: Value, annual: Value) -> Value:
    """The cell that states the row's target: the target column, else the annual column.

    The annual column holds the only target when the target cell is empty
    (高于GDP增长, >7, 保持在合理区间…, [13.5]).
    """
    return annual if target.qualifier == "missing" and annual.qualifier != "missing" else target


def _contract_record(ctx: DocContext, table: str, **fields: object) -> dict:
    """A record of indicators.csv: the document's columns, the table, then ``fields`` in order."""
    return {"source_file": ctx.source_file, "doc_id": ctx.doc_id, "region": ctx.region, "table": table, **fields}


def row_record(table: Table, row: TableRow, ctx: DocContext, catalog: Catalog) -> tuple[dict, list[dict]]:
    """One table row as a contract record, plus quality findings for cells it could not read."""
    parsed, findings = _read_values(table, row, ctx)
    base, target, annual = parsed["base"], parsed["target"], parsed["annual"]
    holder = _target_holder(target, annual)
    attr_cell = row.cells.get("attribute", "")
    attribute = _attribute(attr_cell)
    if attr_cell.strip() and not attribute:
        message = f"attribute cell {attr_cell!r} is neither 预期性 nor 约束性"
        findings.append(_row_finding(ctx, table, row, "unknown_attribute", message, "info"))
    # Tables without a unit column (专栏15 in the Urumqi ETDZ outline) carry the unit in the
    # value cells ('≤5‰', '≥90元'): take it from the target, else the base cell.
    unit = row.unit or target.unit or base.unit or annual.unit
    code = catalog.match(row.name, unit) or ""
    record = _contract_record(
        ctx,
        table.table,
        seq=row.seq,
        category=row.category,
        name=row.name,
        indicator=code,
        unit=unit,
        base_year=table.base_year,
        base_value=base.number,
        target_year=table.target_year,
        target_value=target.number,
        target_text=holder.text if holder.qualifier in ("text", "range") or holder.text else "",
        annual_growth=annual.number,
        cumulative=any(v.cumulative for v in parsed.values()) or bool(CUMULATIVE_NAME.search(row.name)),
        qualifier=holder.qualifier,
        # A completion table's row reports what was achieved; any other row states a target
        # (its base column is the baseline the target starts from).
        role="actual" if table.table.endswith("_review") else "target",
        preliminary=False,
        attribute=attribute,
        line=row.line,
        raw=row.raw,
    )
    findings += [_row_finding(ctx, table, row, "row_shape", problem, "warning") for problem in row.problems]
    if not code:
        message = f"indicator name {row.name!r} is not in the catalogue"
        findings.append(_row_finding(ctx, table, row, "uncatalogued", message, "info"))
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
    role = fact.resolved_role
    target_value = None if v is None or fact.measure == "growth" or role == "actual" else v.number
    record = _contract_record(
        ctx,
        "prose",
        seq="",
        category="",
        name=fact.name,
        indicator=code,
        unit=fact.unit,
        base_year=fact.base_year,
        base_value=fact.base_value,
        target_year=fact.target_year,
        target_value=target_value,
        target_text=(v.text if v is not None else ""),
        annual_growth=fact.annual_growth,
        cumulative=bool(v.cumulative) if v is not None else False,
        qualifier=v.qualifier if v is not None else "missing",
        role=role,
        preliminary=fact.preliminary,
        attribute="",
        line=fact.line,
        raw=fact.sentence,
    )
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
