"""The key findings of the panel reports (issue 14), in sentences, from the analyses' numbers.

Each analysis question returns a dict of figures (``realisation_findings``, ``hierarchy_findings``,
…); these functions put them into the sentence templates of ``narrative.csv`` (keys ``<report>.f.*``)
and return the sentences, which :func:`plantargets.present.show.intro` boxes at the top of a report
and :func:`~plantargets.present.show.section` puts under a heading. The sentences a reader sees
first are computed from the data of the build, never typed by hand; with no data, a function says so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from plantargets.analysis.regression import PanelResult
from plantargets.analysis.wording import HARDNESS
from plantargets.present.labels import check_lang, has_label, t
from plantargets.present.names import panel_region_names
from plantargets.present.narrative import count_text, text
from plantargets.present.panel_charts import level_label


def _num(value: object, fmt: str = "{:.1f}") -> str:
    """A number for prose; '—' when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return fmt.format(value)


def _sep(lang: str) -> str:
    return "," if lang == "zh" else ", "


def _no_data(f: Mapping[str, Any], lang: str, *counts: str) -> list[str]:
    """Nothing when the figures ``f`` count something (any of ``counts``, else ``n``), otherwise the one
    sentence that says the build has no data for the report; an unknown ``lang`` is an error first."""
    check_lang(lang)
    return [] if any(f.get(c) for c in counts or ("n",)) else [text("panel.f.no_data", lang)]


def _per_level(values: Mapping[str, Any], lang: str, fmt: str = "{:.1f}", unit: str = "") -> str:
    """'省级 60.0%,地级 66.7%' / 'Provinces 60.0%, Prefectures 66.7%'."""
    return _sep(lang).join(f"{level_label(k, lang)} {_num(v, fmt)}{unit}" for k, v in values.items()) or "—"


def _sentence(
    key: str,
    f: Mapping[str, Any],
    lang: str,
    counts: Mapping[str, str] = {},
    rates: Mapping[str, str] = {},
    **shown: object,
) -> str:
    """Template ``key`` of ``narrative.csv`` filled from the figures ``f``: each placeholder of
    ``counts`` from the figure it names as a count (:func:`count_text`: 1,448 / 1448), each of
    ``rates`` as a one-decimal number (a percentage or pp), and ``shown`` as given (years,
    periods, texts already formatted)."""
    filled = {k: count_text(f[v], lang) for k, v in counts.items()} | {k: _num(f[v]) for k, v in rates.items()}
    return text(key, lang, **filled, **shown)


def realisation_text(f: Mapping[str, Any], lang: str = "zh") -> list[str]:
    """The realisation report's key findings: hit rate, by level, median gap, bunching, 2020."""
    if empty := _no_data(f, lang):
        return empty
    years = {"first": f["first_year"], "last": f["last_year"]}
    return [
        _sentence("realisation.f.hit", f, lang, {"n": "n"}, {"hit": "hit_rate", "strict": "hit_rate_strict"}, **years),
        text("realisation.f.levels", lang, by_level=_per_level(f["by_level"], lang, unit="%")),
        text("realisation.f.gap", lang, median_gap=_num(f["median_gap"], "{:+.2f}")),
        text("realisation.f.bunching", lang, window=f["window"], ratio=_num(f["ratio"], "{:.1f}")),
        _sentence("realisation.f.no_target", f, lang, rates={"share": "share_numeric_2020"}, year=f["no_target_year"]),
    ]


def hierarchy_text(f: Mapping[str, Any], lang: str = "zh") -> list[str]:
    """The hierarchy report's key findings (mean amplification and share above the parent per level)."""
    if empty := _no_data(f, lang):
        return empty
    unit = " pp" if lang == "en" else "个百分点"
    return [
        _sentence("hierarchy.f.pairs", f, lang, {"n": "n"}),
        text("hierarchy.f.mean", lang, mean=_per_level(f["mean"], lang, "{:+.2f}", unit)),
        _sentence(
            "hierarchy.f.above", f, lang, rates={"above_all": "above_all"}, above=_per_level(f["above"], lang, unit="%")
        ),
    ]


def regression_finding(result: PanelResult, sample: Mapping[str, Any], lang: str = "zh") -> list[str]:
    """The panel regression's coefficients in one sentence (for the key findings), or nothing."""
    check_lang(lang)
    if not result.estimated:
        return []
    return [
        text(
            "hierarchy.f.regression",
            lang,
            b=_num(result.coef("lag_outcome"), "{:.2f}"),
            c=_num(result.coef("parent_target"), "{:.2f}"),
            n=count_text(sample["n"], lang),
        )
    ]


def regression_text(result: PanelResult, sample: Mapping[str, Any], lang: str = "zh") -> str:
    """The panel regression in one paragraph: coefficients with clustered 95% CIs, and its sample."""
    check_lang(lang)
    if not result.estimated:
        return _sentence("hierarchy.regression.too_few", sample, lang, {"n": "n", "regions": "n_regions"})
    parts = [
        text(
            "hierarchy.regression.term",
            lang,
            term=t(f"column.{rec['term']}", lang),
            coef=f"{rec['coef']:.2f}",
            lo=f"{rec['ci_low']:.2f}",
            hi=f"{rec['ci_high']:.2f}",
        )
        for rec in result.coefficients.to_dict("records")
    ]
    out = text(
        "hierarchy.regression.panel",
        lang,
        terms=(";" if lang == "zh" else "; ").join(parts),
        n=count_text(sample["n"], lang),
        regions=count_text(sample["n_regions"], lang),
        first=sample["first_year"],
        last=sample["last_year"],
        levels=sample["levels"],
        singletons=sample["singletons"],
        clusters=result.n_clusters,
        r2=f"{result.r2:.2f}",
    )
    if not sample["parent_identified"]:
        out += " " + text("hierarchy.regression.parent_absorbed", lang)
    return out


def _changes(changes: list[tuple[int, str]], lang: str) -> str:
    """'2016 区间,2017 左右' / '2016 Range, 2017 About (左右)' from (year, hardness class) pairs."""
    return _sep(lang).join(f"{year} {t(f'hardness.{cls}', lang)}" for year, cls in changes) or "—"


def wording_text(f: Mapping[str, Any], lang: str = "zh") -> list[str]:
    """The wording report's key findings: 左右 then and now, 以上 and ranges, the nation's changes."""
    if empty := _no_data(f, lang):
        return empty
    shares = {k: k for k in ("approx_first", "approx_last", "at_least_first", "at_least_last", "range_last")}
    return [
        _sentence("wording.f.approx", f, lang, {"n": "n"}, shares, first=f["first_years"], last=f["last_years"]),
        _sentence("wording.f.at_least", f, lang, rates=shares),
        text("wording.f.national", lang, changes=_changes(f["national_changes"], lang)),
    ]


def attainment_text(f: Mapping[str, Any], lang: str = "zh") -> list[str]:
    """The plan-attainment report's key findings."""
    if empty := _no_data(f, lang, "n", "n15"):
        return empty
    met = _per_level(f["met"], lang, unit="%")
    median15 = _per_level(f["median15"], lang, "{:.2f}", "%")
    return [
        _sentence(
            "attainment.f.met",
            f,
            lang,
            {"n": "n"},
            period=f["period"],
            met=met,
            median_gap=_num(f["median_gap"], "{:+.2f}"),
        ),
        _sentence("attainment.f.fifteenth", f, lang, {"n15": "n15"}, median15=median15),
    ]


def realised_text(f: Mapping[str, Any], lang: str = "zh") -> list[str]:
    """The realised-average section's finding: regions stating a plan average against the nation's."""
    if empty := _no_data(f, lang):
        return empty
    return [
        _sentence(
            "attainment.f.realised",
            f,
            lang,
            {"n": "n", "above": "above"},
            {"national": "national"},
            period=f["period"],
            by_level=_per_level(f["n_by_level"], lang, "{:.0f}"),
            national_source=f["national_source"] or "—",
            median=_per_level(f["median"], lang, "{:.2f}", "%"),
        )
    ]


def published_text(check: pd.DataFrame, lang: str = "zh") -> list[str]:
    """'22 of 23 published figures reproduced; differing: 2004' for a comparison table."""
    check_lang(lang)
    n, ok = len(check), int(check["match"].sum()) if len(check) else 0
    periods = check.loc[~check["match"].astype(bool), "period"] if n else []
    # fyp10 → “十五” / 10th plan; a year stays a year
    bad = _sep(lang).join(t(f"value.period.{p}", lang) if has_label(f"value.period.{p}") else str(p) for p in periods)
    return [_sentence("panel.f.published", {"ok": ok, "n": n}, lang, {"ok": "ok", "n": "n"}, bad=bad or "—")]


def with_level_names(df: pd.DataFrame, lang: str = "zh", col: str = "level") -> pd.DataFrame:
    """A copy for display: level codes as names (省级 / Provinces), qualifier codes as the words of a
    target (左右 / About), and ``target_value`` as ``target_number`` (the processed tables' header for
    target_value describes a plan table's end value, not an annual target)."""
    out = panel_region_names(df, lang).copy()  # an English report names regions in English
    if col in out.columns:
        out[col] = out[col].map(lambda v: level_label(str(v), lang))
    for qcol in [c for c in out.columns if str(c).endswith("qualifier")]:
        out[qcol] = out[qcol].map(lambda q: _qualifier_label(q, lang))
    return out.rename(columns={"target_value": "target_number"})


def _qualifier_label(q: object, lang: str) -> object:
    """'approx' → '左右' / 'About (左右)'; unknown or missing values are kept as they are."""
    key = f"hardness.{HARDNESS.get(str(q), '')}" if isinstance(q, str) and q in HARDNESS else ""
    return t(key, lang) if key and has_label(key) else q
