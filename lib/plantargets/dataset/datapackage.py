"""The Frictionless Data Package descriptor that travels with the processed tables.

Column descriptions come from the data contract so the CSVs explain themselves to anyone
who opens them without this code.
"""

from __future__ import annotations

from typing import Any

from plantargets import __version__
from plantargets.dataset.manifest import Source

INDICATOR_FIELDS: list[tuple[str, str, str]] = [
    ("source_file", "string", "Raw file name as it sits in data/raw/."),
    ("doc_id", "string", "Document id from the manifest (file stem when there is no manifest row)."),
    ("region", "string", "Region name (Chinese) from the manifest; without one, as the document names it."),
    ("table", "string", "fyp<N>_main, fyp<N>_review, other:<title as printed> or prose."),
    ("seq", "string", "Row number as printed (kept even when wrong); empty if none."),
    ("category", "string", "Category as printed, carried down its group, whitespace removed."),
    ("name", "string", "Indicator name as printed, without leading number or trailing (unit)."),
    ("indicator", "string", "Catalogue code (lib/plantargets/catalog.csv); empty when unmatched."),
    ("unit", "string", "Unit as printed (column or the name's parentheses)."),
    ("base_year", "integer", "Year of the baseline column."),
    ("base_value", "number", "Baseline number as printed, in the printed unit."),
    ("target_year", "integer", "Year of the target column (plan end year, or the report's year)."),
    ("target_value", "number", "Target number as printed (lower bound for a range)."),
    ("target_text", "string", "Verbatim text of a target that is not (only) a number."),
    ("annual_growth", "number", "Number in the annual-average / five-year column (a bound's number)."),
    ("cumulative", "boolean", "True when a value is a five-year total ([..], 〔..〕, or 累计)."),
    ("qualifier", "string", "exact, approx, at_least, at_most, range, text or missing."),
    (
        "role",
        "string",
        "target (a value set for target_year) or actual (a realised figure: a level in base_value for "
        "base_year, a growth rate in annual_growth for the year target_year measured).",
    ),
    ("preliminary", "boolean", "True when the document states the figure as 预计 / 初步核算 / 初步统计."),
    ("attribute", "string", "预期性 (indicative) or 约束性 (binding) as printed, else empty."),
    ("line", "integer", "1-based line in the raw file where the row's name appears."),
    ("raw", "string", "The row's cells as printed joined with ' | ', or the sentence for prose."),
    ("origin", "string", "For a row read from an image by OCR: the image and the row's pixel box x0,y0,x1,y1."),
    ("ocr_confidence", "number", "For a row read by OCR: the lowest recognition confidence (0-1) of its cells."),
]
SECTOR_FIELDS: list[tuple[str, str, str]] = [
    ("source_file", "string", "Raw file name."),
    ("doc_id", "string", "Document id."),
    ("region", "string", "Region name (Chinese)."),
    ("year", "integer", "Year the structure refers to."),
    ("kind", "string", "actual or target."),
    ("primary", "number", "Primary-sector share of GDP, %."),
    ("secondary", "number", "Secondary-sector share of GDP, %."),
    ("tertiary", "number", "Tertiary-sector share of GDP, %."),
    ("line", "integer", "1-based line in the raw file."),
    ("raw", "string", "The sentence as printed."),
]
QUALITY_FIELDS: list[tuple[str, str, str]] = [
    ("source_file", "string", "Raw file name."),
    ("doc_id", "string", "Document id."),
    ("line", "integer", "1-based line in the raw file (empty for whole-document findings)."),
    ("table", "string", "Table of the finding, if any."),
    ("indicator", "string", "Catalogue code, if any."),
    ("name", "string", "Indicator name as printed, if any."),
    ("check", "string", "Which check produced the finding."),
    ("severity", "string", "error, warning or info."),
    ("message", "string", "What was found, with the numbers."),
    ("raw", "string", "The raw text concerned (kept so that nothing is lost)."),
    ("origin", "string", "For a cell read from an image by OCR: the image and the cell's pixel box x0,y0,x1,y1."),
    ("code", "string", "The message's template code(s) (finding.<code> in present/labels.csv), joined by '+'."),
    ("params", "string", "The values the message states, as JSON: a report renders the message in its language."),
]


_REGION_FIELDS: list[tuple[str, str, str]] = [
    ("region_code", "string", "GB/T 2260 code of the region (000000 for the nation), from the manifest."),
    ("region", "string", "Region name (Chinese) as in data/reference/regions.csv."),
    ("level", "string", "national, province, prefecture or county."),
    ("parent_code", "string", "Code of the parent region (empty for the nation); chain in region_hierarchy.csv."),
]
_JUDGED_FIELDS: list[tuple[str, str, str]] = [
    ("gap", "number", "outcome - target_value (lower bound of a range), in the target's unit (pp for rates)."),
    ("direction", "string", "floor (more is better), ceiling (less is better; CPI) or empty (unknown)."),
    ("met", "boolean", "Target met under the rule per qualifier (左右: 0.5 pp / 5 % tolerance); empty if undecidable."),
    ("met_strict", "boolean", "As met with no tolerance for 左右 (outcome >= target for a floor)."),
]
TARGET_OUTCOME_FIELDS: list[tuple[str, str, str]] = [
    *_REGION_FIELDS,
    ("year", "integer", "The year the target is for (= the work report's year)."),
    ("indicator", "string", "Catalogue code (lib/plantargets/catalog.csv), e.g. gdp_growth."),
    ("unit", "string", "Unit of the target as printed (empty when the sentence prints none)."),
    ("target_value", "number", "Target number as printed (lower bound for a range; a growth rate in %)."),
    ("target_upper", "number", "Upper bound of a range target (6.5%-7% gives 7), else empty."),
    ("qualifier", "string", "exact, approx (左右), at_least, at_most, range, text or missing."),
    ("target_text", "string", "Verbatim wording of a text or range target."),
    ("target_source", "string", "file:line of the target in data/raw/."),
    ("outcome", "number", "The figure for the year stated by the next year's work report."),
    ("outcome_unit", "string", "Unit of the outcome as printed."),
    ("outcome_qualifier", "string", "Qualifier of the outcome as printed (超过126万亿元: at_least)."),
    ("outcome_preliminary", "boolean", "True when the outcome is stated as 预计 / 初步核算 / 初步统计."),
    ("outcome_source", "string", "file:line of the outcome."),
    ("outcome_revised", "number", "The same figure as stated by a later work report (the latest), if any."),
    ("outcome_revised_source", "string", "file:line of outcome_revised."),
    *_JUDGED_FIELDS,
    ("parent_target_value", "number", "The parent region's target for the same year and indicator."),
    ("parent_qualifier", "string", "Qualifier of the parent's target."),
    ("parent_target_source", "string", "file:line of the parent's target."),
]
PLAN_OUTCOME_FIELDS: list[tuple[str, str, str]] = [
    *_REGION_FIELDS,
    ("plan", "integer", "Five-year plan number (14: 2021-2025)."),
    ("plan_start", "integer", "First year of the plan."),
    ("plan_end", "integer", "Last year of the plan (the target year)."),
    ("indicator", "string", "Catalogue code."),
    ("measure", "string", "average (年均 over the plan, % a year) or level (value in the plan's last year)."),
    ("unit", "string", "Unit of the target as printed."),
    ("target_from", "string", "fyp_outline (the plan outline) or work_report (the plan's first-year report)."),
    ("target_value", "number", "Target number as printed (lower bound for a range)."),
    ("target_upper", "number", "Upper bound of a range target, else empty."),
    ("qualifier", "string", "exact, approx, at_least, at_most, range, text or missing."),
    ("target_text", "string", "Verbatim wording of a text or range target."),
    ("target_source", "string", "file:line of the target."),
    ("outcome", "number", "The plan average (or last-year level) stated by the work report of plan_end + 1."),
    ("outcome_qualifier", "string", "Qualifier of the outcome as printed."),
    ("outcome_preliminary", "boolean", "True when the outcome is stated as 预计 / 初步核算."),
    ("outcome_source", "string", "file:line of the outcome."),
    *_JUDGED_FIELDS,
]
HIERARCHY_FIELDS: list[tuple[str, str, str]] = [
    ("code", "string", "GB/T 2260 code (000000 for the nation)."),
    ("name_zh", "string", "Chinese name."),
    ("name_en", "string", "English name."),
    ("level", "string", "national, province, prefecture or county."),
    ("kind", "string", "nation, province, municipality, autonomous_region, city, banner, ..."),
    ("parent_code", "string", "Code of the direct parent (empty for the nation)."),
    ("depth", "integer", "Steps below the nation (province 1, prefecture 2, county 3)."),
    ("province_code", "string", "Code of the province in the chain (empty for the nation)."),
    ("prefecture_code", "string", "Code of the prefecture in the chain (empty above prefecture level)."),
    ("chain_codes", "string", "Codes from the nation down to the region, joined by '>'."),
    ("chain_names", "string", "Names from the nation down to the region, joined by '>'."),
]
# The derived tables (dataset.panels): file stem -> (title, fields).
PANEL_RESOURCES: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "target_outcomes": ("Annual targets against the next report's outcomes", TARGET_OUTCOME_FIELDS),
    "plan_outcomes": ("Five-year plan targets against the closing report's figures", PLAN_OUTCOME_FIELDS),
    "region_hierarchy": ("Every region's chain of parents", HIERARCHY_FIELDS),
}


def _schema(fields: list[tuple[str, str, str]]) -> dict[str, Any]:
    return {"fields": [{"name": n, "type": t, "description": d} for n, t, d in fields]}


def descriptor(sources: list[Source], checksums: dict[str, str]) -> dict[str, Any]:
    """The datapackage.json content for the processed folder."""

    def resource(name: str, path: str, fields: list[tuple[str, str, str]], title: str) -> dict[str, Any]:
        return {
            "name": name,
            "path": path,
            "title": title,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "hash": f"sha256:{checksums[path]}" if path in checksums else None,
            "schema": _schema(fields),
        }

    resources = [
        resource("indicators", "indicators.csv", INDICATOR_FIELDS, "Indicator targets and baselines"),
        resource("sector_mix", "sector_mix.csv", SECTOR_FIELDS, "Three-sector structure of GDP"),
        resource("quality", "quality.csv", QUALITY_FIELDS, "Check findings and rows that could not be parsed"),
        *(resource(stem, f"{stem}.csv", fields, title) for stem, (title, fields) in PANEL_RESOURCES.items()),
    ]
    for r in resources[3:]:
        copies = [f"{r['name']}.{ext}" for ext in ("parquet", "dta", "xlsx") if f"{r['name']}.{ext}" in checksums]
        also = "; the same table as " + ", ".join(f"{c} (sha256:{checksums[c]})" for c in copies) if copies else ""
        r["description"] = "Derived from indicators.csv (docs/DATA_CONTRACT.md)" + also
    for r in resources:
        if r["hash"] is None:
            del r["hash"]
    return {
        "name": "plantargets",
        "title": "PlanTargets: quantitative targets of Chinese local development plans",
        "profile": "tabular-data-package",
        "version": __version__,
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
        "sources": [
            {
                "title": f"{s.region_zh} ({s.region_en}): {s.doc_type} {s.period or s.report_year or ''}".strip(),
                "path": f"data/raw/{s.file}",
                "doc_id": s.doc_id,
                "sha256": s.sha256,
            }
            for s in sources
        ],
        "resources": resources,
    }
