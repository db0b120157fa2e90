"""Display names in the report's language: regions (from the manifest) and series (from the catalogue).

A reader sees 塔城地区 or Tacheng Prefecture, 地区生产总值(实际,%/年) or GDP (real, %/yr),
never a doc_id or a series key; two documents of one region get their year or type added
so that a chart never shows two identical labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from plantargets.analysis.growth import PP_SUFFIX
from plantargets.dataset.catalog import Catalog, default_catalog
from plantargets.dataset.regions import load_regions
from plantargets.present.labels import check_lang, has_label, t

_PAREN_RE = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


def region_names(sources: pd.DataFrame, lang: str = "zh", short: bool = True) -> dict[str, str]:
    """doc_id → region name in ``lang`` (``short`` drops a trailing parenthesis).

    Two documents of one region (an outline and a work report) get the document type or
    report year appended so their labels differ.
    """
    check_lang(lang)
    col = "region_zh" if lang == "zh" else "region_en"
    names: dict[str, str] = {}
    for rec in sources.to_dict("records"):
        name = str(rec.get(col) or rec["doc_id"])
        names[str(rec["doc_id"])] = _PAREN_RE.sub("", name) if short else name
    counts = pd.Series(list(names.values())).value_counts()
    for rec in sources.to_dict("records"):
        doc = str(rec["doc_id"])
        if counts.get(names[doc], 0) > 1:
            year = rec.get("report_year")
            tag = str(int(year)) if year is not None and pd.notna(year) else str(rec.get("period") or rec["doc_type"])
            names[doc] = f"{names[doc]} {tag}"
    names.setdefault("national", t("national", lang))
    names.setdefault("(all)", t("all", lang))  # the total row of a table by document
    return names


def chain_names(chain: pd.DataFrame, lang: str = "zh") -> dict[str, str]:
    """Region code → name in ``lang`` of a chain from ``seed_chains`` (English from regions.csv's
    ``name_en``), a trailing parenthesis dropped so a legend stays short."""
    col = "region_en" if check_lang(lang) == "en" and "region_en" in chain.columns else "region"
    return {str(c): _PAREN_RE.sub("", str(n)) for c, n in zip(chain["region_code"], chain[col], strict=True)}


def panel_region_names(df: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """A panel table with its ``region`` column in ``lang``: the panels name regions in Chinese;
    an English report shows regions.csv's English name of each ``region_code``."""
    if check_lang(lang) != "en" or not {"region", "region_code"} <= set(df.columns):
        return df
    table = load_regions()
    english = {r.code: r.name_en for r in table}
    out = df.copy()
    out["region"] = [english.get(str(c), r) for c, r in zip(out["region_code"], out["region"], strict=True)]
    return out


def series_names(
    series: Iterable[str],
    lang: str = "zh",
    catalog: Catalog | None = None,
    real: Iterable[str] = (),
    tags: bool = True,
) -> dict[str, str]:
    """Series key → display name: the catalogue name in ``lang`` plus its unit tag (%/yr or pp/yr).

    Uncatalogued series (``name:…``) show their printed Chinese name in both languages.
    Series in ``real`` get a 'real' tag: their rates are at comparable prices. ``tags=False``
    gives the bare name (for charts whose title already states the unit).
    """
    catalog = catalog or default_catalog()
    reals = set(real)
    out = {}
    for s in series:
        key = s[: -len(PP_SUFFIX)] if s.endswith(PP_SUFFIX) else s
        if key.startswith("name:"):
            name = key[5:]
        elif key in catalog:
            e = catalog.get(key)
            name = e.name_zh if lang == "zh" else e.name_en
        else:
            name = key
        if not tags:
            out[s] = name
            continue
        tag = t("pp_tag" if s.endswith(PP_SUFFIX) else "pct_tag", lang)
        if s in reals:
            tag = f"{t('real_tag', lang)}, {tag}" if lang == "en" else f"{t('real_tag', lang)},{tag}"
        out[s] = f"{name} ({tag})" if lang == "en" else f"{name}({tag})"
    return out


def category_name(cat: str, lang: str = "zh") -> str:
    """Catalogue category → display name ('(all)' → All)."""
    if cat == "(all)":
        return t("all", lang)
    key = f"cat_{cat}"
    return t(key, lang) if has_label(key) else cat


def real_series(panel: pd.DataFrame) -> list[str]:
    """Series whose stated rates are real (GDP, value added, labour productivity)."""
    if "real" not in panel.columns:
        return []
    return sorted(panel.loc[panel["real"].astype(bool), "series"].unique())
