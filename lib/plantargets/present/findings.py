"""What the data say, in a sentence or two per section and a few at the top of each report.

Each function takes the tables a notebook already holds and returns sentences in ``lang``
whose numbers come from those tables (the sentence templates are in ``narrative.csv``), so a
report states its findings instead of describing its machinery, and the statements change
when the data do. A function returns no sentence rather than a wrong one when its table is
empty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from plantargets.analysis import regression
from plantargets.analysis.ambition import gap_matrix
from plantargets.analysis.growth import dumbbell_data, implied_levels, regression_sample, target_ranks
from plantargets.present.narrative import count_text, has_text, text
from plantargets.present.regression_chart import regression_caption
from plantargets.present.tables import region_names, series_names

GDP = "gdp"
LEVEL_FIT_PCT = 1.0  # an implied 2025 level within 1 % of the printed one "reproduces" it
# A gap to the parent is stated as a distance in its direction (高出1个百分点 / 低1个百分点), never as
# "higher by −1": sign of the gap (at the two decimals shown) → sentence.
_PARENT_GAP_KEYS = {1: "ambition.f.parent", -1: "ambition.f.parent_below", 0: "ambition.f.parent_equal"}


def number_text(v: float, digits: int = 1) -> str:
    """A number as a reader reads it: rounded, no trailing '.0' noise for whole numbers."""
    return f"{v:.{digits}f}".rstrip("0").rstrip(".") if np.isfinite(v) else "—"


def _names(sources: pd.DataFrame, lang: str) -> dict[str, str]:
    return region_names(sources, lang)


def _region(names: Mapping[str, str], doc_id: object) -> str:
    """A document's region in the report's language (``names`` from :func:`_names`); its id when unnamed."""
    return names.get(str(doc_id), str(doc_id))


def _extremes(d: pd.DataFrame, col: str, names: Mapping[str, str]) -> dict[str, str]:
    """The lowest and highest value of ``col`` (two decimals) and the regions holding them
    (the first row on a tie), as a sentence's ``lo``, ``lo_region``, ``hi`` and ``hi_region``."""
    lo, hi = d.loc[d[col].idxmin()], d.loc[d[col].idxmax()]
    return {
        "lo": number_text(lo[col], 2),
        "lo_region": _region(names, lo["doc_id"]),
        "hi": number_text(hi[col], 2),
        "hi_region": _region(names, hi["doc_id"]),
    }


def _series(key: str, lang: str) -> str:
    return series_names([key], lang, tags=False)[key]


def _indicator(row: pd.Series, lang: str) -> str:
    """The catalogue name of a row's indicator in ``lang``, else its name as printed."""
    key = str(row.get("indicator") or "")
    name = _series(key, lang) if key else ""
    return name if name and name != key else str(row.get("name", key))


def numeric_columns(df: pd.DataFrame, *cols: str) -> pd.DataFrame:
    out = df.copy()
    for c in cols:
        out[c] = pd.to_numeric(out[c], errors="coerce")
    return out


# ---------------------------------------------------------------- 01 comparative growth


def targets_vs_past(panel: pd.DataFrame, sources: pd.DataFrame, lang: str) -> list[str]:
    """How many targets lie above the past rate, and the largest acceleration."""
    d = numeric_columns(dumbbell_data(panel), "past_growth", "target_growth").dropna(
        subset=["past_growth", "target_growth"]
    )
    if d.empty:
        return [text("growth.f.no_pairs", lang)]
    up = int((d["target_growth"] > d["past_growth"]).sum())
    down = int((d["target_growth"] < d["past_growth"]).sum())
    out = [
        text("growth.f.pairs", lang, n=count_text(len(d), lang), up=count_text(up, lang), down=count_text(down, lang))
    ]
    top = d.loc[(d["target_growth"] - d["past_growth"]).idxmax()]
    if top["target_growth"] > top["past_growth"]:
        out.append(
            text(
                "growth.f.biggest",
                lang,
                region=_region(_names(sources, lang), top["doc_id"]),
                series=_series(str(top["series"]), lang),
                past=number_text(top["past_growth"], 2),
                target=number_text(top["target_growth"], 2),
            )
        )
    return out


def gdp_range(panel: pd.DataFrame, sources: pd.DataFrame, lang: str) -> list[str]:
    """The lowest and highest GDP growth target among the documents."""
    d = numeric_columns(panel[panel["series"] == GDP], "target_growth").dropna(subset=["target_growth"])
    if d.empty:
        return []
    return [text("growth.f.gdp", lang, **_extremes(d, "target_growth", _names(sources, lang)))]


def levels_fit(indicators: pd.DataFrame, regions: Sequence[str], sources: pd.DataFrame, lang: str) -> list[str]:
    """How many implied 2025 levels reproduce the printed ones, and the worst fit."""
    d = numeric_columns(implied_levels(indicators, regions), "gap_pct").dropna(subset=["gap_pct"])
    if d.empty:
        return []
    worst = d.loc[d["gap_pct"].abs().idxmax()]
    return [
        text(
            "growth.f.levels",
            lang,
            n=count_text(len(d), lang),
            k=count_text(int((d["gap_pct"].abs() < LEVEL_FIT_PCT).sum()), lang),
            region=_region(_names(sources, lang), worst["doc_id"]),
            name=_indicator(worst, lang),
            gap=number_text(worst["gap_pct"], 2),
        )
    ]


def rank_leaders(panel: pd.DataFrame, national: pd.DataFrame | None, sources: pd.DataFrame, lang: str) -> list[str]:
    """The document with the most first ranks among the indicators several documents target."""
    ranks = target_ranks(panel, national=national)
    if ranks.empty:
        return []
    first = ranks[ranks["rank"] == 1]["doc_id"].value_counts()
    if first.empty:
        return []
    doc = str(first.index[0])
    region = _region(_names(sources, lang), doc)
    return [
        text(
            "growth.f.ranks",
            lang,
            n=count_text(ranks["series"].nunique(), lang),
            region=region,
            k=count_text(first.iloc[0], lang),
        )
    ]


def regression_finding(panel: pd.DataFrame, lang: str) -> list[str]:
    """The regression of target on past growth in one sentence, with its small-sample caveat."""
    sample = regression_sample(panel)
    if sample.empty:
        return []
    return [regression_caption(regression.regress_target_on_past(sample, label_col="series"), lang)]


def growth_key_findings(
    panel: pd.DataFrame, national: pd.DataFrame | None, sources: pd.DataFrame, lang: str
) -> list[str]:
    """The opening findings of the comparative-growth report."""
    return targets_vs_past(panel, sources, lang) + gdp_range(panel, sources, lang) + regression_finding(panel, lang)


# ---------------------------------------------------------------- 02 target ambition


def parent_gaps(ambition: pd.DataFrame, sources: pd.DataFrame, lang: str) -> list[str]:
    """Amplification: each document's GDP target against its parent's (above, below or equal), largest first."""
    d = numeric_columns(ambition[ambition["series"] == GDP], "target_growth", "parent", "gap_parent")
    d = d.dropna(subset=["gap_parent"]).sort_values("gap_parent", ascending=False)
    names = _names(sources, lang)
    return [
        text(
            _PARENT_GAP_KEYS[int(np.sign(round(r["gap_parent"], 2)))],
            lang,
            region=_region(names, r["doc_id"]),
            target=number_text(r["target_growth"], 2),
            parent=number_text(r["parent"], 2),
            gap=number_text(abs(r["gap_parent"]), 2),
        )
        for r in d.to_dict("records")
    ]


def national_gap_range(summary: pd.DataFrame, sources: pd.DataFrame, lang: str) -> list[str]:
    """Which document's targets lie furthest above and below the national ones (median gap)."""
    d = numeric_columns(summary, "median_gap_national").dropna(subset=["median_gap_national"])
    if len(d) < 2:
        return []
    return [text("ambition.f.national", lang, **_extremes(d, "median_gap_national", _names(sources, lang)))]


def matrix_finding(ambition: pd.DataFrame, benchmark: str, measure: str, sources: pd.DataFrame, lang: str) -> list[str]:
    """How many of a heatmap's cells lie above the benchmark, and the largest gap."""
    m = gap_matrix(ambition, benchmark, measure)
    cells = m.apply(pd.to_numeric, errors="coerce").stack().dropna() if not m.empty else pd.Series(dtype=float)
    if cells.empty:
        return [text("ambition.f.none", lang)]
    doc, series = cells.abs().idxmax()
    names = _names(sources, lang)
    label = f"{_region(names, doc)} · {_series(str(series), lang)}"
    return [
        text(
            "ambition.f.matrix",
            lang,
            n=count_text(len(cells), lang),
            k=count_text(int((cells > 0).sum()), lang),
            label=label,
            gap=number_text(cells[(doc, series)], 2),
        )
    ]


def reference_finding(reference: pd.DataFrame, lang: str) -> list[str]:
    """How many national benchmark rows have a value not confirmed by a source."""
    if reference.empty:
        return []
    doubt = (
        ~reference["confirmed"].astype(bool)
        if "confirmed" in reference.columns
        else pd.Series(False, index=reference.index)
    )
    return [
        text("ambition.f.reference", lang, n=count_text(len(reference), lang), k=count_text(int(doubt.sum()), lang))
    ]


def style_finding(by_category: pd.DataFrame, lang: str) -> list[str]:
    """The pooled shares of numeric and binding main-table indicators."""
    pooled = by_category[by_category["category"] == "(all)"]
    if pooled.empty:
        return []
    r = pooled.iloc[0]
    return [
        text(
            "ambition.f.style",
            lang,
            spec=number_text(float(r["specificity_pct"]), 0),
            bind=number_text(float(r["binding_share_pct"]), 0),
        )
    ]


def findings_count(findings: pd.DataFrame, lang: str, key: str = "ambition.f.findings") -> list[str]:
    """The number of consistency findings by severity (errors first)."""
    if findings.empty:
        return [text("profile.f.no_findings", lang)]
    counts = findings["severity"].value_counts()
    order = [s for s in ("error", "warning", "info") if s in counts] + [
        s for s in counts.index if s not in ("error", "warning", "info")
    ]
    sep = "," if lang == "zh" else ", "
    parts = sep.join(f"{text(f'severity.{s}', lang) if _known(s) else s} {count_text(counts[s], lang)}" for s in order)
    return [text(key, lang, n=count_text(len(findings), lang), parts=parts)]


def _known(severity: str) -> bool:
    return has_text(f"severity.{severity}")


def ambition_key_findings(ambition: pd.DataFrame, summary: pd.DataFrame, sources: pd.DataFrame, lang: str) -> list[str]:
    """The opening findings of the target-ambition report."""
    return parent_gaps(ambition, sources, lang)[:2] + national_gap_range(summary, sources, lang)


# ---------------------------------------------------------------- 04 region profile


def profile_rows(rows: pd.DataFrame, lang: str) -> list[str]:
    """How many rows the document yields, how many numeric targets and binding indicators."""
    if rows.empty:
        return []
    is_target = rows["role"].eq("target") if "role" in rows.columns else pd.Series(True, index=rows.index)
    numeric = is_target & pd.to_numeric(rows["target_value"], errors="coerce").notna()
    binding = rows["attribute"].astype(str).str.contains("约束", na=False)
    counts = {"n": len(rows), "targets": int(numeric.sum()), "binding": int(binding.sum())}
    return [text("profile.f.rows", lang, **{k: count_text(v, lang) for k, v in counts.items()})]


def standing_finding(standing: pd.DataFrame, lang: str) -> list[str]:
    """Of the comparable targets: how many above the national one, how many ranked first."""
    d = numeric_columns(standing, "value", "gap_national", "rank") if not standing.empty else standing
    d = d[d["value"].notna()] if not d.empty else d
    if d.empty:
        return [text("profile.f.no_standing", lang)]
    return [
        text(
            "profile.f.standing",
            lang,
            n=count_text(len(d), lang),
            above=count_text(int((d["gap_national"] > 0).sum()), lang),
            top=count_text(int((d["rank"] == 1).sum()), lang),
        )
    ]


def profile_key_findings(rows: pd.DataFrame, findings: pd.DataFrame, standing: pd.DataFrame, lang: str) -> list[str]:
    """The opening findings of a region profile."""
    return (
        profile_rows(rows, lang)
        + findings_count(findings, lang, "profile.f.findings")
        + standing_finding(standing, lang)
    )
