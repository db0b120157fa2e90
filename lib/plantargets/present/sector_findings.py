"""What the sector-mix report finds, in a sentence per section (see :mod:`plantargets.present.findings`).

The three-sector structure has findings of its own (the highest and lowest tertiary share, the
fastest structural change in pp a year, the tertiarisation pace), computed from the same
tables the notebook shows and worded through ``narrative.csv``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from plantargets.analysis.structure import (
    national_mix,
    national_mix_year,
    sector_mix_table,
    structural_change,
    tertiarisation,
)
from plantargets.present.findings import number_text, numeric_columns
from plantargets.present.narrative import text
from plantargets.present.tables import mix_labels, with_labels

# A change of the tertiary share is stated in its direction ("fell by 0.06 pp"), never as
# "changed by -0.06": sign of the pace (at the two decimals shown) → sentence.
_PACE_KEYS = {1: "sectors.f.pace", -1: "sectors.f.pace_fall", 0: "sectors.f.pace_flat"}


def mix_finding(mix: pd.DataFrame, national: dict | None, lang: str, label_col: str = "label") -> list[str]:
    """The highest and lowest tertiary share shown, and the national one."""
    d = numeric_columns(mix, "tertiary").dropna(subset=["tertiary"])
    if d.empty:
        return [text("sectors.f.none", lang)]
    hi, lo = d.loc[d["tertiary"].idxmax()], d.loc[d["tertiary"].idxmin()]
    out = [
        text(
            "sectors.f.mix",
            lang,
            hi_label=hi[label_col],
            hi=number_text(hi["tertiary"]),
            lo_label=lo[label_col],
            lo=number_text(lo["tertiary"]),
        )
    ]
    if national and np.isfinite(float(national.get("tertiary", np.nan))):
        out.append(
            text(
                "sectors.f.national",
                lang,
                year=national.get("year", ""),
                value=number_text(float(national["tertiary"])),
            )
        )
    return out


def sci_finding(sci: pd.DataFrame, lang: str) -> list[str]:
    """The region whose structure changed fastest (pp a year), against the nation."""
    d = numeric_columns(sci, "sci_per_year").dropna(subset=["sci_per_year"])
    regions = d[d["doc_id"] != "national"]
    if regions.empty:
        return []
    top = regions.loc[regions["sci_per_year"].idxmax()]
    nat = d.loc[d["doc_id"] == "national", "sci_per_year"]
    return [
        text(
            "sectors.f.sci",
            lang,
            region=top["region"],
            value=number_text(top["sci_per_year"], 2),
            national=number_text(nat.iloc[0], 2) if len(nat) else "—",
        )
    ]


def pace_finding(pace: pd.DataFrame, lang: str) -> list[str]:
    """Past tertiarisation pace per region, and whether any target pace can be computed."""
    d = numeric_columns(pace, "past_pp", "required_pp")
    out = [
        text(
            _PACE_KEYS[int(np.sign(round(r["past_pp"], 2)))],
            lang,
            region=r["region"],
            past=number_text(abs(r["past_pp"]), 2),
        )
        for r in d[(d["doc_id"] != "national") & d["past_pp"].notna()].to_dict("records")
    ]
    if d["required_pp"].notna().sum() == 0:
        out.append(text("sectors.f.required", lang))
    return out


@dataclass(frozen=True)
class SectorInputs:
    """What every sector-mix finding reads, gathered once by the notebook: the processed
    sector-mix and indicator tables, the national benchmark, the chosen regions (doc_ids)
    and years, and the sources table that names the regions."""

    sector_mix: pd.DataFrame
    indicators: pd.DataFrame
    national_table: pd.DataFrame
    regions: Sequence[str]
    years: Sequence[int]
    sources: pd.DataFrame


def sector_mix_finding(inputs: SectorInputs, lang: str) -> list[str]:
    """:func:`mix_finding` from the processed sector-mix table (the chart's rows and benchmark)."""
    mix = mix_labels(sector_mix_table(inputs.sector_mix, inputs.regions, inputs.years), inputs.sources, lang)
    year = national_mix_year(inputs.years)
    return mix_finding(mix, national_mix(year) if year else None, lang)


def sector_sci_finding(inputs: SectorInputs, lang: str) -> list[str]:
    """:func:`sci_finding` from the processed sector-mix table."""
    sci = structural_change(inputs.sector_mix, inputs.national_table, regions=inputs.regions, years=inputs.years)
    return sci_finding(with_labels(sci, inputs.sources, lang), lang)


def sector_pace_finding(inputs: SectorInputs, lang: str) -> list[str]:
    """:func:`pace_finding` from the processed tables."""
    pace = tertiarisation(inputs.sector_mix, inputs.indicators, inputs.national_table, regions=inputs.regions)
    return pace_finding(with_labels(pace, inputs.sources, lang), lang)


def sector_key_findings(inputs: SectorInputs, lang: str) -> list[str]:
    """The opening findings of the sector-mix report."""
    return sector_mix_finding(inputs, lang) + sector_sci_finding(inputs, lang) + sector_pace_finding(inputs, lang)[:2]
