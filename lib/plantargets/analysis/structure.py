"""Sector structure: the three-sector mix of GDP, how fast it changes, and against the nation.

Shares are in % of GDP, changes in pp (percentage points), paces in pp a year.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from plantargets.analysis import metrics
from plantargets.dataset import reference

SECTORS = ("primary", "secondary", "tertiary")
# Catalogue codes of the tertiary share (a document's table may state it besides the prose mix).
TERTIARY_CODES = ("tertiary_share",)


def national_mix(year: int, directory: Path | None = None) -> dict[str, Any]:
    """National three-sector shares of ``year`` (%) with ``confirmed`` and ``footnote``; empty if absent."""
    mix = reference.load_national_sector_mix(directory)
    row = mix[mix["year"] == year]
    if row.empty:
        return {}
    r = row.iloc[0]
    return {
        **{s: float(r[s]) for s in SECTORS},
        "year": int(year),
        "confirmed": bool(r["confirmed"]),
        "footnote": str(r["footnote"]),
    }


def national_mix_year(years: Iterable[int], directory: Path | None = None) -> int | None:
    """The reference year to draw as the national bar: the latest national year among ``years``,
    else the latest national year before the latest of ``years``, else None."""
    available = sorted(int(y) for y in reference.load_national_sector_mix(directory)["year"])
    wanted = sorted(int(y) for y in years)
    common = [y for y in available if y in wanted]
    if common:
        return common[-1]
    earlier = [y for y in available if wanted and y <= wanted[-1]]
    return earlier[-1] if earlier else None


def sector_mix_table(
    mix: pd.DataFrame, regions: Sequence[str] | None = None, years: Sequence[int] | None = None
) -> pd.DataFrame:
    """Three-sector shares (%) per region and year (actual or target), with ``total`` as printed."""
    d = mix.copy()
    if regions is not None:
        d = d[d["doc_id"].isin(list(regions))]
    if years is not None:
        d = d[d["year"].isin(list(years))]
    d = d[["doc_id", "year", "kind", *SECTORS, "source_file", "line"]].copy()
    d["total"] = d[list(SECTORS)].sum(axis=1, min_count=3)
    d["source"] = [
        f"{f}:{int(ln)}" if pd.notna(ln) else str(f) for f, ln in zip(d["source_file"], d["line"], strict=True)
    ]
    return d.drop(columns=["source_file", "line"]).sort_values(["doc_id", "year"]).reset_index(drop=True)


def structural_change(
    mix: pd.DataFrame,
    national: pd.DataFrame | None = None,
    regions: Sequence[str] | None = None,
    years: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Structural change index (½·Σ|Δshare|, pp) for each consecutive pair of complete mixes.

    Per region (and for the nation when ``national``, the reference mix table, is given):
    period start and end, years, ``sci`` in pp and ``sci_per_year``; ``kind`` says whether
    the end point is an actual or a target. ``confirmed`` is False when a national cell used
    is unconfirmed. ``regions`` and ``years`` filter the mixes (None: all).
    """
    rows = []
    if regions is not None:
        mix = mix[mix["doc_id"].isin(list(regions))]
    if years is not None:
        mix = mix[mix["year"].isin(list(years))]
        national = national[national["year"].isin(list(years))] if national is not None else None
    complete = mix.dropna(subset=list(SECTORS))
    frames: list[tuple[str, pd.DataFrame]] = [(str(d), g) for d, g in complete.groupby("doc_id", sort=True)]
    if national is not None:
        frames.append(("national", national.assign(kind="actual")))
    for doc_id, g in frames:
        g = g.sort_values("year")
        recs = g.to_dict("records")
        for a, b in itertools.pairwise(recs):
            span = int(b["year"]) - int(a["year"])
            if span <= 0:
                continue
            sci = metrics.structural_change_index({s: a[s] for s in SECTORS}, {s: b[s] for s in SECTORS})
            rows.append(
                {
                    "doc_id": doc_id,
                    "start": int(a["year"]),
                    "end": int(b["year"]),
                    "kind": b.get("kind", "actual"),
                    "years": span,
                    "sci": sci,
                    "sci_per_year": sci / span,
                    "confirmed": bool(a.get("confirmed", True)) and bool(b.get("confirmed", True)),
                }
            )
    cols = ["doc_id", "start", "end", "kind", "years", "sci", "sci_per_year", "confirmed"]
    return pd.DataFrame(rows, columns=cols)


def _add_table_shares(
    shares: dict[str, dict[int, tuple[float, str]]], indicators: pd.DataFrame
) -> dict[str, list[tuple[str, dict[str, object]]]]:
    """Fill years the sector mix lacks from ``tertiary_share`` table rows; return, per document,
    where the text's share and the table's differ (ETDZ 2015: 55 at 001:85, 56.3 at 001:100),
    so the pace table says which number it used (the text's) and that the table prints another.
    Each difference is (English note, its values) so a report restates it in its language."""
    clashes: dict[str, list[tuple[str, dict[str, object]]]] = {}
    t = indicators[indicators["indicator"].isin(list(TERTIARY_CODES)) & (indicators["table"] != "prose")]
    for r in t.to_dict("records"):
        for ycol, vcol in (("base_year", "base_value"), ("target_year", "target_value")):
            if pd.isna(r[ycol]) or pd.isna(r[vcol]):
                continue
            got = shares.setdefault(str(r["doc_id"]), {})
            where = f"{r['source_file']}:{int(r['line'])}"
            kept = got.setdefault(int(r[ycol]), (float(r[vcol]), where))
            if kept[1] != where and abs(kept[0] - float(r[vcol])) > 1e-9:
                clashes.setdefault(str(r["doc_id"]), []).append(
                    (
                        f"{int(r[ycol])}: text {kept[0]:g} ({kept[1]}), table {float(r[vcol]):g} ({where})",
                        {
                            "year": int(r[ycol]),
                            "text": kept[0],
                            "text_src": kept[1],
                            "table": float(r[vcol]),
                            "table_src": where,
                        },
                    )
                )
    return clashes


def _pace_note(missing: list[str], clashes: list[tuple[str, dict[str, object]]]) -> dict[str, str]:
    """The pace table's ``note`` (English) and ``note_items``: its parts as [template code, values]
    (JSON), which present.messages restates in the report's language."""
    notes = ([f"no tertiary share for {', '.join(missing)}"] if missing else []) + [n for n, _ in clashes]
    items = ([["pace_no_share", {"years": [int(y) for y in missing]}]] if missing else []) + [
        ["pace_clash", values] for _, values in clashes
    ]
    return {"note": "; ".join(notes), "note_items": json.dumps(items, ensure_ascii=False)}


def tertiarisation(
    mix: pd.DataFrame,
    indicators: pd.DataFrame | None = None,
    national: pd.DataFrame | None = None,
    start: int = 2015,
    base: int = 2020,
    target: int = 2025,
    regions: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Tertiary share in ``start``/``base``/``target`` and the pace past vs required (pp a year).

    Shares come from the sector-mix table; where it lacks a year, from a ``tertiary_share``
    row of the document's tables (``indicators``), and ``source`` says which. ``past_pp`` is
    start → base, ``required_pp`` base → target (:func:`metrics.tertiarisation_pace` when all
    three exist); a missing share leaves its pace empty and ``note`` says why. ``regions``
    keeps those documents (the national row, when ``national`` is given, always stays).
    """
    if regions is not None:
        mix = mix[mix["doc_id"].isin(list(regions))]
        indicators = indicators[indicators["doc_id"].isin(list(regions))] if indicators is not None else None
    shares: dict[str, dict[int, tuple[float, str]]] = {}
    for r in mix.dropna(subset=["tertiary"]).to_dict("records"):
        src = f"{r['source_file']}:{int(r['line'])}" if pd.notna(r["line"]) else str(r["source_file"])
        shares.setdefault(str(r["doc_id"]), {})[int(r["year"])] = (float(r["tertiary"]), src)
    clashes = _add_table_shares(shares, indicators) if indicators is not None else {}
    if national is not None:
        for r in national.to_dict("records"):
            shares.setdefault("national", {})[int(r["year"])] = (
                float(r["tertiary"]),
                reference.NATIONAL_SECTOR_MIX + ("" if r["confirmed_tertiary"] else " (unconfirmed)"),
            )
    rows = []
    for doc_id, by_year in shares.items():
        s0, s1, s2 = (by_year.get(y, (np.nan, ""))[0] for y in (start, base, target))
        past = float(metrics.pp_per_year(s0, s1, base - start)) if pd.notna(s0) and pd.notna(s1) else np.nan
        required = float(metrics.pp_per_year(s1, s2, target - base)) if pd.notna(s1) and pd.notna(s2) else np.nan
        if pd.notna(s0) and pd.notna(s1) and pd.notna(s2):
            pace = metrics.tertiarisation_pace(s0, s1, s2, base - start, target - base)
            past, required = pace.past_pp_per_year, pace.required_pp_per_year
        missing = [str(y) for y, v in ((start, s0), (base, s1), (target, s2)) if pd.isna(v)]
        rows.append(
            {
                "doc_id": doc_id,
                f"share_{start}": s0,
                f"share_{base}": s1,
                f"share_{target}": s2,
                "past_pp": past,
                "required_pp": required,
                "acceleration_pp": required - past,
                "source": "; ".join(dict.fromkeys(v[1] for v in by_year.values() if v[1])),
                **_pace_note(missing, clashes.get(doc_id, [])),
            }
        )
    return pd.DataFrame(rows)
