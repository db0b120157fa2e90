"""One document's profile: its indicators, its standing among the regions, its summary."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from plantargets.analysis.loading import Processed, sources_table
from plantargets.vocab.columns import LEVEL_COLUMNS


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
        *LEVEL_COLUMNS,
        "annual_growth",
        "cumulative",
        "target_text",
        "qualifier",
        "attribute",
        "role",
        "source",
    ]
    return d.sort_values(["_prose", "table", "line"], kind="stable")[cols].reset_index(drop=True)


def _peers_of(ambition: pd.DataFrame, rec: Mapping[str, Any]) -> pd.Series:
    """Other documents' usable targets comparable with ``rec``: same series, document type and
    time basis (a plan's five-year average is never ranked against a year's target), no error."""
    same = (
        (ambition["series"] == rec["series"])
        & (ambition["doc_id"] != rec["doc_id"])
        & (ambition["doc_type"] == rec["doc_type"])
        & (ambition["time_basis"] == rec["time_basis"])
        & ~ambition["excluded"].astype(bool)
    )
    return ambition.loc[same, "target_growth"].dropna()


def standing(ambition: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """Where one document's targets stand: its value, the comparable documents' range, the nation.

    For each series the document states a target for: ``value``, ``others_n``, ``others_min``,
    ``others_median``, ``others_max`` (other documents of the same type and time basis),
    ``rank``/``n_ranked`` (1 = most ambitious in the catalogue's direction of good),
    ``national`` with ``national_basis`` (the national 14th-plan average, or the national
    target of a work report's year) and ``gap_national`` in pp. A target that is no planned
    change (a floor, a ceiling, a total) or rests on an error finding is listed with its
    reason in ``note`` and is not ranked.
    """
    own = ambition[ambition["doc_id"] == doc_id]
    rows = []
    for rec in own.to_dict("records"):
        note = str(rec.get("target_excluded") or "")
        if bool(rec["excluded"]):
            note = note or f"error finding ({rec['flags']}): not ranked"
        value = rec["target_growth"] if not note else np.nan
        others = _peers_of(ambition, rec)
        lower_better = rec.get("higher_is_better") is False
        toward_good = -1.0 if lower_better else 1.0
        better = int(((others * toward_good) > value * toward_good).sum()) if pd.notna(value) else 0
        rows.append(
            {
                "series": rec["series"],
                "measure": rec["measure"],
                "value": value,
                "printed": rec.get("target_printed"),
                "others_n": len(others),
                "others_min": others.min() if len(others) else np.nan,
                "others_median": others.median() if len(others) else np.nan,
                "others_max": others.max() if len(others) else np.nan,
                "rank": better + 1 if pd.notna(value) else np.nan,
                "n_ranked": len(others) + 1 if pd.notna(value) else np.nan,
                "national": rec["national"],
                "national_basis": rec.get("national_basis", ""),
                "national_confirmed": rec["national_confirmed"],
                "gap_national": rec["gap_national"] if not note else np.nan,
                "source": rec["target_source"],
                "note": note,
            }
        )
    return pd.DataFrame(rows, columns=STANDING_COLUMNS)


STANDING_COLUMNS = [
    "series",
    "measure",
    "value",
    "printed",
    "others_n",
    "others_min",
    "others_median",
    "others_max",
    "rank",
    "n_ranked",
    "national",
    "national_basis",
    "national_confirmed",
    "gap_national",
    "source",
    "note",
]


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
        & ambition["time_basis"].isin(own["time_basis"])
        & ambition["target_growth"].notna()
        & ~ambition["excluded"].astype(bool)
    ].copy()
    d = d[d.groupby("series")["doc_id"].transform("nunique") >= min_docs].copy()
    d["focal"] = d["doc_id"] == doc_id
    return d.reset_index(drop=True)
