"""One document's profile: its indicators, its standing among the regions, its summary."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from plantargets.analysis.loading import Processed, sources_table


def document_indicators(indicators: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """Every indicator row of one document with its source line ``file:line``, tables first.

    ``role`` says whether a row is a target or a realised value (a completion table's end
    value is an outcome), so a report never shows an outcome under a target header.
    """
    d = indicators[indicators["doc_id"] == doc_id].copy()
    d["source"] = [
        f"{f}:{int(ln)}" if pd.notna(ln) else str(f) for f, ln in zip(d["source_file"], d["line"], strict=True)
    ]
    d["_prose"] = d["table"] == "prose"
    cols = [
        "table",
        "category",
        "name",
        "indicator",
        "unit",
        "base_year",
        "base_value",
        "target_year",
        "target_value",
        "annual_growth",
        "cumulative",
        "target_text",
        "qualifier",
        "attribute",
        "role",
        "source",
    ]
    return d.sort_values(["_prose", "table", "line"], kind="stable")[cols].reset_index(drop=True)


def standing(ambition: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """Where one document's targets stand: its value, the other regions' range and the national rate.

    For each series the document sets a target for: ``value``, ``others_n``, ``others_min``,
    ``others_median``, ``others_max`` (other documents' targets of the same series),
    ``rank``/``n_ranked`` (1 = highest target), ``national`` and ``gap_national`` in pp.
    """
    own = ambition[(ambition["doc_id"] == doc_id) & ambition["target_growth"].notna()]
    rows = []
    for rec in own.to_dict("records"):
        others = ambition[
            (ambition["series"] == rec["series"]) & (ambition["doc_id"] != doc_id) & ~ambition["excluded"].astype(bool)
        ]["target_growth"].dropna()
        values = pd.concat([others, pd.Series([rec["target_growth"]])], ignore_index=True)
        rows.append(
            {
                "series": rec["series"],
                "measure": rec["measure"],
                "value": rec["target_growth"],
                "others_n": len(others),
                "others_min": others.min() if len(others) else np.nan,
                "others_median": others.median() if len(others) else np.nan,
                "others_max": others.max() if len(others) else np.nan,
                "rank": int((values > rec["target_growth"]).sum() + 1),
                "n_ranked": len(values),
                "national": rec["national"],
                "national_confirmed": rec["national_confirmed"],
                "gap_national": rec["gap_national"],
                "source": rec["target_source"],
            }
        )
    return pd.DataFrame(rows)


def document_summary(sources: pd.DataFrame, data: Processed, doc_id: str) -> pd.DataFrame:
    """One document's manifest facts and row counts, as a two-column table (field, value)."""
    src = sources_table(sources)
    rec: Mapping[str, Any] = src[src["doc_id"] == doc_id].iloc[0].to_dict() if doc_id in set(src["doc_id"]) else {}
    ind = data.indicators[data.indicators["doc_id"] == doc_id]
    q = data.quality[data.quality["doc_id"] == doc_id]
    facts = {
        "doc_id": doc_id,
        "file": rec.get("file", ""),
        "region_zh": rec.get("region_zh", ""),
        "region_en": rec.get("region_en", ""),
        "admin_code": rec.get("admin_code", ""),
        "level": rec.get("level", ""),
        "parent_code": rec.get("parent_code", ""),
        "doc_type": rec.get("doc_type", ""),
        "period": rec.get("period", "") or (str(int(rec["report_year"])) if pd.notna(rec.get("report_year")) else ""),
        "rows_table": int((ind["table"] != "prose").sum()),
        "rows_prose": int((ind["table"] == "prose").sum()),
        "rows_numeric_target": int((ind["target_value"].notna() | ind["annual_growth"].notna()).sum()),
        "findings": int((q["check"] != "uncatalogued").sum()),
        "uncatalogued": int((q["check"] == "uncatalogued").sum()),
    }
    return pd.DataFrame({"field": list(facts), "value": [str(v) for v in facts.values()]})


def comparison_targets(ambition: pd.DataFrame, doc_id: str, min_docs: int = 2) -> pd.DataFrame:
    """All documents' targets for the series ``doc_id`` sets, with ``focal`` marking its own rows.

    Work reports are compared with work reports and outlines with outlines (an annual target is
    no peer of a five-year rate). Excluded (impossible) values are dropped, and so are series
    set by fewer than ``min_docs`` documents (nothing to compare with).
    """
    own = ambition[ambition["doc_id"] == doc_id]
    if own.empty:
        return ambition.iloc[0:0].assign(focal=pd.Series(dtype=bool))
    doc_type = own["doc_type"].iloc[0]
    d = ambition[
        ambition["series"].isin(own["series"])
        & (ambition["doc_type"] == doc_type)
        & ambition["target_growth"].notna()
        & ~ambition["excluded"].astype(bool)
    ].copy()
    d = d[d.groupby("series")["doc_id"].transform("nunique") >= min_docs].copy()
    d["focal"] = d["doc_id"] == doc_id
    return d.reset_index(drop=True)
