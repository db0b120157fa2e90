"""The target–outcome panel: a region's target for a year against the outcome the next report states.

One row per region × year × catalogued indicator that a work report of year Y sets a target
for (``role`` target, ``target_year`` Y). The outcome is what the work report of Y+1 states for
Y (``role`` actual: a growth rate in ``annual_growth`` measured over Y-1 → Y, or a level in
``base_value`` for ``base_year`` Y), its 预计/初步核算 flag kept; a later report's statement of the
same figure is kept as ``outcome_revised``. Where a report states a figure twice, its first
statement (lowest line: the main-targets passage, the review's headline) is the one used.
Every value carries its source as ``file:line``. Columns: docs/DATA_CONTRACT.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from plantargets.dataset.attainment import judged
from plantargets.dataset.catalog import Catalog
from plantargets.dataset.manifest import Source
from plantargets.dataset.records import DocContext
from plantargets.dataset.regions import RegionTable, load_regions
from plantargets.extract.values import parse_value
from plantargets.vocab.columns import (
    PANEL_FLAGS,
    bool_series,
    column_names,
    prefixed,
    typed_panel,
)

# The documents whose targets and outcomes enter the annual panel.
REPORT_TYPES = ("work_report",)
# A line with this many targets of the report's year is its main-targets passage (the national
# reports list 7-10 there; a review sentence the prose reader mistook for targets has 1-2).
PASSAGE_MIN_TARGETS = 3
# A passage may start a few paragraphs before its densest line (one item per paragraph, blank
# lines between paragraphs in the Markdown corpus): targets up to this many lines before it count.
PASSAGE_WINDOW = 6
# A 年均 (annual average) figure is a plan's, never one year's target (dataset.plans has it).
_PLAN_AVERAGE_WORD = "年均"
DOCUMENT_COLUMNS = ["doc_id", "source_file", "region_code", "region", "level", "parent_code", "doc_type"]
DOCUMENT_COLUMNS += ["report_year", "plan_start", "plan_end"]
# The panel's columns in file order: the column vocabulary's (vocab/columns.csv, as in datapackage.json).
TARGET_OUTCOME_COLUMNS = column_names("target_outcomes")
# What a stated outcome carries beside its number; the panels name them outcome_<detail>.
OUTCOME_DETAILS = ("unit", "qualifier", "preliminary", "source")
_KEY = ["region_code", "year", "indicator"]


def documents_frame(
    contexts: Sequence[DocContext], sources: Sequence[Source] = (), regions: RegionTable | None = None
) -> pd.DataFrame:
    """One row per document: its region's code, name, level and parent, type and years.

    The manifest row gives the code; a document without one is placed by its region name in
    the region table (empty code when the name is not there: its rows then stay out of panels).
    """
    regions = regions or load_regions()
    by_id = {s.doc_id: s for s in sources}
    rows = []
    for ctx in contexts:
        src = by_id.get(ctx.doc_id)
        found = regions.get(src.admin_code) if src is not None else regions.lookup(ctx.region)
        code = src.admin_code if src is not None else (found.code if found else "")
        rows.append(
            {
                "doc_id": ctx.doc_id,
                "source_file": ctx.source_file,
                "region_code": code,
                "region": found.name_zh if found else ctx.region,
                "level": found.level if found else (src.level if src else ""),
                "parent_code": found.parent_code if found else (src.parent_code if src else ""),
                "doc_type": ctx.doc_type,
                "report_year": ctx.report_year,
                "plan_start": ctx.plan_start,
                "plan_end": ctx.plan_end,
            }
        )
    out = pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)
    for col in ("report_year", "plan_start", "plan_end"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")
    return out


def with_documents(indicators: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """Catalogued indicator rows joined to their document's region and years, with ``source`` = file:line."""
    rows = indicators[indicators["indicator"].astype(str) != ""]
    rows = rows.drop(columns=["region", "source_file"]).merge(docs, on="doc_id", how="inner", validate="many_to_one")
    rows = rows[rows["region_code"].astype(str) != ""].copy()
    rows["source"] = rows["source_file"].astype(str) + ":" + rows["line"].astype("Int64").astype(str)
    rows["cumulative"] = bool_series(rows["cumulative"])
    rows["preliminary"] = bool_series(rows["preliminary"])
    return rows


def _first(df: pd.DataFrame, key: list[str], order: list[str]) -> pd.DataFrame:
    """The first row of each ``key`` group in ``order`` (deterministic: ties broken by source)."""
    return df.sort_values([*key, *order, "source"], kind="stable").drop_duplicates(key, keep="first")


def range_upper(df: pd.DataFrame) -> pd.Series:
    """The upper bound of each range target printed in ``target_text`` (6.5%—7% → 7.0), else NaN."""
    values = [
        parse_value(text).upper if q == "range" and isinstance(text, str) and text else None
        for text, q in zip(df["target_text"], df["qualifier"], strict=True)
    ]
    return pd.Series(pd.to_numeric(pd.Series(values, dtype="object"), errors="coerce").to_numpy(), index=df.index)


def passage_lines(targets: pd.DataFrame) -> pd.Series:
    """Per document, the line of its main-targets passage: the line with most targets of the year.

    Only when it holds at least :data:`PASSAGE_MIN_TARGETS` of them (earliest line on a tie);
    documents without such a line get none (NA).
    """
    counts = targets.groupby(["doc_id", "line"]).size().rename("n").reset_index()
    counts = counts.sort_values(["doc_id", "n", "line"], ascending=[True, False, True], kind="stable")
    best = counts.drop_duplicates("doc_id", keep="first")
    best = best[best["n"] >= PASSAGE_MIN_TARGETS]
    return best.set_index("doc_id")["line"].astype("Int64")


def _target_rank(t: pd.DataFrame) -> pd.DataFrame:
    """Targets ordered for choosing one per key: the passage line first, then by line; those
    more than :data:`PASSAGE_WINDOW` lines before the passage dropped (a work report reviews the
    past year before it sets targets, so a 'target' stated there is a past figure the prose
    reader could not place; it stays in indicators.csv)."""
    anchor = t["doc_id"].map(passage_lines(t)).astype("Int64")
    before = (t["line"] < anchor - PASSAGE_WINDOW).fillna(False).astype(bool)
    return t[~before].assign(_off_passage=(t["line"] != anchor).fillna(True).astype(bool))


def annual_targets(rows: pd.DataFrame) -> pd.DataFrame:
    """Each report's targets for its own year: value from ``target_value``, else ``annual_growth``."""
    t = rows[
        rows["doc_type"].isin(REPORT_TYPES)
        & (rows["role"] == "target")
        & (rows["target_year"] == rows["report_year"])
        & ~rows["cumulative"]
        & ~rows["raw"].astype(str).str.contains(_PLAN_AVERAGE_WORD, regex=False)
    ].copy()
    t = _target_rank(t)
    t["year"] = t["report_year"].astype("Int64")
    t["target_value"] = t["target_value"].fillna(t["annual_growth"])
    t["target_upper"] = range_upper(t).astype("float64")
    t = _first(t, _KEY, ["_off_passage", "line"])
    t = t.rename(columns={"source": "target_source"})
    keep = ["region_code", "region", "level", "parent_code", "year", "indicator", "unit"]
    return t[[*keep, "target_value", "target_upper", "qualifier", "target_text", "target_source"]]


def stated_outcomes(rows: pd.DataFrame) -> pd.DataFrame:
    """Every realised figure a work report states for one earlier year, one row per statement.

    A growth rate counts when it is measured over one year (``base_year`` = ``target_year`` − 1,
    or no base year); a level when its ``base_year`` is before the report's year. Plan averages
    (base year five years back) belong to the plan view, not here.
    """
    a = rows[rows["doc_type"].isin(REPORT_TYPES) & (rows["role"] == "actual") & ~rows["cumulative"]]
    one_year = a["base_year"].isna() | (a["base_year"] == a["target_year"] - 1)
    growth = a[a["annual_growth"].notna() & a["target_year"].notna() & one_year].assign(
        year=lambda d: d["target_year"], outcome=lambda d: d["annual_growth"], measure="growth"
    )
    level = a[a["annual_growth"].isna() & a["base_value"].notna() & a["base_year"].notna()].assign(
        year=lambda d: d["base_year"], outcome=lambda d: d["base_value"], measure="level"
    )
    out = pd.concat([growth, level], ignore_index=True)
    out = out[out["year"] < out["report_year"]].copy()
    out["year"] = out["year"].astype("Int64")
    cols = ["region_code", "year", "indicator", "outcome", "unit", "qualifier", "preliminary", "report_year", "line"]
    return out[[*cols, "measure", "source"]]


def first_and_revised(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Per region × year × indicator: the next year's report's figure, and the latest later one."""
    nxt = _first(outcomes[outcomes["report_year"] == outcomes["year"] + 1], _KEY, ["line"])
    nxt = nxt.rename(columns=prefixed(OUTCOME_DETAILS, "outcome"))
    later = outcomes[outcomes["report_year"] > outcomes["year"] + 1]
    later = later.sort_values([*_KEY, "report_year", "line"], ascending=[True, True, True, False, True])
    later = later.drop_duplicates(_KEY, keep="first")
    later = later.rename(columns={"outcome": "outcome_revised", "source": "outcome_revised_source"})
    first_cols = ["outcome", "outcome_unit", "outcome_qualifier", "outcome_preliminary", "outcome_source"]
    return nxt[[*_KEY, *first_cols]].merge(
        later[[*_KEY, "outcome_revised", "outcome_revised_source"]], on=_KEY, how="outer"
    )


def beside_parent(panel: pd.DataFrame, parents: pd.DataFrame, fields: Mapping[str, str]) -> pd.DataFrame:
    """``panel`` with, on each row, columns of the ``parents`` row of its parent region, same year
    and indicator (``fields``: parent column -> new name); empty where the parent has no row.

    The one join of a target to its parent's target of the same year: the panel's own
    ``parent_*`` columns and the hierarchy analysis both use it.
    """
    keys = ["parent_code", "year", "indicator"]
    chosen = parents[["region_code", "year", "indicator", *fields]].rename(
        columns={"region_code": "parent_code", **fields}
    )
    return panel.merge(chosen.drop_duplicates(keys), on=keys, how="left", validate="many_to_one")


def _with_parents(panel: pd.DataFrame) -> pd.DataFrame:
    """The parent region's target of the same year and indicator, beside each row."""
    fields = {
        "target_value": "parent_target_value",
        "qualifier": "parent_qualifier",
        "target_source": "parent_target_source",
    }
    return beside_parent(panel, panel, fields)


def target_outcomes(rows: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """The panel of :mod:`this module <plantargets.dataset.outcomes>` from ``with_documents`` rows."""
    panel = annual_targets(rows).merge(first_and_revised(stated_outcomes(rows)), on=_KEY, how="left")
    panel = judged(panel, catalog)
    panel = _with_parents(panel)
    return typed_target_outcomes(panel)


def typed_target_outcomes(df: pd.DataFrame) -> pd.DataFrame:
    """Contract dtypes and order: numbers float, year Int64, flags nullable boolean, text str."""
    return typed_panel(
        df,
        TARGET_OUTCOME_COLUMNS,
        floats=("target_value", "target_upper", "outcome", "outcome_revised", "gap", "parent_target_value"),
        ints=("year",),
        flags=PANEL_FLAGS,
        sort_by=_KEY,
    )


__all__ = [
    "TARGET_OUTCOME_COLUMNS",
    "annual_targets",
    "beside_parent",
    "documents_frame",
    "first_and_revised",
    "range_upper",
    "stated_outcomes",
    "target_outcomes",
    "typed_target_outcomes",
    "with_documents",
]
