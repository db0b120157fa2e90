"""The Frictionless Data Package descriptor that travels with the processed tables.

Column descriptions come from the data contract (``vocab/columns.csv``) so the CSVs explain themselves to anyone
who opens them without this code.
"""

from __future__ import annotations

from typing import Any

from plantargets import __version__
from plantargets.dataset.manifest import Source
from plantargets.vocab.columns import FIELDS, Field

# The derived tables (dataset.panels): file stem -> (title, fields).
PANEL_TITLES = {
    "target_outcomes": "Annual targets against the next report's outcomes",
    "plan_outcomes": "Five-year plan targets against the closing report's figures",
    "region_hierarchy": "Every region's chain of parents",
}
PANEL_RESOURCES: dict[str, tuple[str, list[Field]]] = {
    stem: (title, FIELDS[stem]) for stem, title in PANEL_TITLES.items()
}


def _schema(fields: list[Field]) -> dict[str, Any]:
    return {"fields": [{"name": n, "type": t, "description": d} for n, t, d in fields]}


def descriptor(sources: list[Source], checksums: dict[str, str]) -> dict[str, Any]:
    """The datapackage.json content for the processed folder."""

    def resource(name: str, path: str, fields: list[Field], title: str) -> dict[str, Any]:
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
        resource("indicators", "indicators.csv", FIELDS["indicators"], "Indicator targets and baselines"),
        resource("sector_mix", "sector_mix.csv", FIELDS["sector_mix"], "Three-sector structure of GDP"),
        resource("quality", "quality.csv", FIELDS["quality"], "Check findings and rows that could not be parsed"),
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
