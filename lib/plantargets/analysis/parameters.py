"""Checking notebook parameters against what the data hold, with errors that list the valid values.

A report parameter with a typo (a doc_id, a series key, a year) must stop the build with a
ParameterError naming the valid choices, not render an empty report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from plantargets.analysis.loading import Processed
from plantargets.dataset.regions import load_regions
from plantargets.errors import ParameterError

# The profile notebook's preferred document (the Tacheng outline has the fullest 14th-plan
# table of the bundled documents); another corpus falls back to its first manifest document.
DEFAULT_PROFILE_DOC = "tacheng-fyp14"
BENCHMARKS = ("national", "parent", "peers", "past")


def _fail(what: str, bad: Sequence[object], valid: Sequence[object]) -> ParameterError:
    shown = ", ".join(str(v) for v in valid) or "(none: is the dataset empty?)"
    return ParameterError(f"unknown {what} {', '.join(repr(b) for b in bad)}; valid: {shown}")


def valid_doc_ids(sources: pd.DataFrame, data: Processed | None = None) -> list[str]:
    """doc_ids a notebook may name: the manifest's, in its order, then any others in the data."""
    ids = list(dict.fromkeys(sources["doc_id"].astype(str)))
    if data is not None:
        for frame in (data.indicators, data.sector_mix):
            ids += [d for d in dict.fromkeys(frame["doc_id"].astype(str)) if d and d not in ids]
    return ids


def check_regions(regions: Iterable[str] | str, valid: Sequence[str]) -> list[str]:
    """The doc_ids to analyse: ``regions`` checked against ``valid``; empty means all of them.

    A single string is accepted as a one-element list (``-p regions tacheng-fyp14``).
    Unknown ids raise ParameterError listing the valid ones.
    """
    chosen = [regions] if isinstance(regions, str) else list(regions)
    chosen = [str(r).strip() for r in chosen if str(r).strip()]
    bad = [r for r in chosen if r not in valid]
    if bad:
        raise _fail("region (doc_id)", bad, valid)
    return chosen or list(valid)


def check_indicators(indicators: Iterable[str] | str, valid: Sequence[str]) -> list[str]:
    """Series keys (catalogue codes/families) checked against ``valid``; empty means no filter (``[]``)."""
    chosen = [indicators] if isinstance(indicators, str) else list(indicators)
    chosen = [str(i).strip() for i in chosen if str(i).strip()]
    bad = [i for i in chosen if i not in valid]
    if bad:
        raise _fail("indicator", bad, valid)
    return chosen


def check_choice(value: str, what: str, valid: Sequence[str]) -> str:
    """``value`` if it is one of ``valid``, else ParameterError listing them."""
    if value not in valid:
        raise _fail(what, [value], valid)
    return value


def check_years(years: Iterable[int] | int, valid: Sequence[int]) -> list[int]:
    """Years checked against ``valid`` (those in the data); empty means all of them."""
    chosen = [years] if isinstance(years, int | str) else list(years)
    out: list[int] = []
    bad: list[object] = []
    for y in chosen:
        try:
            year = int(y)
        except (TypeError, ValueError):
            bad.append(y)
            continue
        (out if year in valid else bad).append(year)
    if bad:
        raise _fail("year", bad, sorted(valid))
    return out or sorted(valid)


def resolve_doc_id(doc_id: str, valid: Sequence[str], preferred: str = DEFAULT_PROFILE_DOC) -> str:
    """The profile's document: ``doc_id`` if valid; empty → ``preferred`` when present, else the first."""
    doc_id = (doc_id or "").strip()
    if not doc_id:
        if not valid:
            raise ParameterError("no documents in the manifest or the dataset")
        return preferred if preferred in valid else valid[0]
    if doc_id not in valid:
        raise _fail("doc_id", [doc_id], valid)
    return doc_id


def check_panel_region(region: str | int, panel: pd.DataFrame) -> str:
    """The region code a panel report's ``region`` parameter names: a six-digit code or a name or
    alias of data/reference/regions.csv ('新疆', '650000'). It must have rows in the panel; otherwise
    ParameterError lists the regions it holds."""
    region = str(region).strip()  # papermill's -p reads 650000 as a number
    codes = list(dict.fromkeys(panel["region_code"].astype(str)))
    found = load_regions().lookup(region) if not region.isdigit() else None
    code = found.code if found is not None else region.strip()
    if code not in codes:
        names = dict(zip(panel["region_code"], panel["region"], strict=False))
        raise _fail("region", [region], [f"{c} {names.get(c, '')}".strip() for c in codes])
    return code


def check_panel_indicator(indicator: str, panel: pd.DataFrame) -> str:
    """``indicator`` when the panel has rows of it; otherwise ParameterError listing its indicators."""
    valid = sorted(set(panel["indicator"].dropna().astype(str)))
    if indicator not in valid:
        raise _fail("indicator", [indicator], valid)
    return indicator
