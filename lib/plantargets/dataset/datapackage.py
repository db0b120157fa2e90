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
]


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
    ]
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
