"""The opening key-findings paragraphs of the panel reports, in words, from the analyses' numbers.

Each analysis question returns a dict of figures (``realisation_findings``, ``hierarchy_findings``,
…); these functions put them into the sentence templates of labels.csv (keys ``findings.*``), so the
paragraph a reader sees first is computed from the data of the build, never typed by hand.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from plantargets.analysis.regression import PanelResult
from plantargets.present.labels import check_lang, t
from plantargets.present.panel_charts import level_label


def _num(value: object, fmt: str = "{:.1f}") -> str:
    """A number for prose; '—' when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return fmt.format(value)


def _per_level(values: Mapping[str, Any], lang: str, fmt: str = "{:.1f}", unit: str = "") -> str:
    """'省级 60.0%,地级 66.7%' / 'provinces 60.0%, prefectures 66.7%'."""
    sep = "，" if lang == "zh" else ", "
    return sep.join(f"{level_label(k, lang)} {_num(v, fmt)}{unit}" for k, v in values.items()) or "—"


def realisation_text(f: Mapping[str, Any], lang: str = "zh") -> str:
    """The realisation report's key findings."""
    check_lang(lang)
    if not f.get("n"):
        return t("no_data", lang)
    return t(
        "findings.realisation",
        lang,
        n=f["n"],
        first=f["first_year"],
        last=f["last_year"],
        hit=_num(f["hit_rate"]),
        strict=_num(f["hit_rate_strict"]),
        by_level=_per_level(f["by_level"], lang, unit="%"),
        median_gap=_num(f["median_gap"], "{:+.2f}"),
        ratio=_num(f["ratio"], "{:.1f}"),
        window=f["window"],
        year=f["no_target_year"],
        share=_num(f["share_numeric_2020"]),
    )


def hierarchy_text(f: Mapping[str, Any], lang: str = "zh") -> str:
    """The hierarchy report's key findings (mean amplification and share above the parent per level)."""
    check_lang(lang)
    if not f.get("n"):
        return t("no_data", lang)
    return t(
        "findings.hierarchy",
        lang,
        n=f["n"],
        mean=_per_level(f["mean"], lang, "{:+.2f}", " pp" if lang == "en" else "个百分点"),
        above=_per_level(f["above"], lang, unit="%"),
        above_all=_num(f["above_all"]),
    )


def regression_text(result: PanelResult, sample: Mapping[str, Any], lang: str = "zh") -> str:
    """The panel regression in one paragraph: coefficients with clustered 95% CIs, and its sample."""
    check_lang(lang)
    if not result.estimated:
        return t("regression.too_few", lang, n=sample["n"], regions=sample["n_regions"])
    parts = []
    for rec in result.coefficients.to_dict("records"):
        parts.append(
            t(
                "regression.term",
                lang,
                term=t(f"column.{rec['term']}", lang),
                coef=f"{rec['coef']:.2f}",
                lo=f"{rec['ci_low']:.2f}",
                hi=f"{rec['ci_high']:.2f}",
            )
        )
    text = t(
        "regression.panel",
        lang,
        terms=("；" if lang == "zh" else "; ").join(parts),
        n=sample["n"],
        regions=sample["n_regions"],
        first=sample["first_year"],
        last=sample["last_year"],
        levels=sample["levels"],
        singletons=sample["singletons"],
        clusters=result.n_clusters,
        r2=f"{result.r2:.2f}",
    )
    if not sample["parent_identified"]:
        text += " " + t("regression.parent_absorbed", lang)
    return text


def wording_text(f: Mapping[str, Any], lang: str = "zh") -> str:
    """The wording report's key findings: 左右 then and now, 以上 and ranges, the nation's changes."""
    check_lang(lang)
    if not f.get("n"):
        return t("no_data", lang)
    return t(
        "findings.wording",
        lang,
        n=f["n"],
        first=f["first_years"],
        last=f["last_years"],
        approx_first=_num(f["approx_first"]),
        approx_last=_num(f["approx_last"]),
        at_least_first=_num(f["at_least_first"]),
        at_least_last=_num(f["at_least_last"]),
        range_last=_num(f["range_last"]),
        changes=_changes(f["national_changes"], lang),
    )


def _changes(changes: list[tuple[int, str]], lang: str) -> str:
    """'2016 区间,2017 左右' / '2016 range, 2017 about (左右)' from (year, hardness class) pairs."""
    sep = "，" if lang == "zh" else ", "
    return sep.join(f"{year} {t(f'hardness.{cls}', lang)}" for year, cls in changes) or "—"


def attainment_text(f: Mapping[str, Any], lang: str = "zh") -> str:
    """The plan-attainment report's key findings."""
    check_lang(lang)
    if not f.get("n") and not f.get("n15"):
        return t("no_data", lang)
    return t(
        "findings.attainment",
        lang,
        n=f["n"],
        period=f["period"],
        met=_per_level(f["met"], lang, unit="%"),
        median_gap=_num(f["median_gap"], "{:+.2f}"),
        n15=f["n15"],
        median15=_per_level(f["median15"], lang, "{:.2f}", "%"),
    )


def published_text(check: pd.DataFrame, lang: str = "zh") -> str:
    """'22 of 23 published figures reproduced; differing: 2020 (…)' for a comparison table."""
    check_lang(lang)
    n, ok = len(check), int(check["match"].sum()) if len(check) else 0
    bad = ", ".join(str(p) for p in check.loc[~check["match"].astype(bool), "period"]) if n else ""
    return t("findings.published", lang, ok=ok, n=n, bad=bad or "—")


def with_level_names(df: pd.DataFrame, lang: str = "zh", col: str = "level") -> pd.DataFrame:
    """A copy with the level codes replaced by their display names (for tables)."""
    out = df.copy()
    if col in out.columns:
        out[col] = out[col].map(lambda v: level_label(str(v), lang))
    return out
