"""Showing analysis results: display names in two languages, styled tables, the regression chart.

The analysis functions (:mod:`plantargets.analysis`) return tables with machine column names
and codes; this module turns them into what a reader sees: region and indicator names in
Chinese or English, column headers with units, numbers formatted, captions and footnotes.
Every visible text comes from :mod:`plantargets.present.labels` (``labels.csv``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from typing import Any

import pandas as pd

from plantargets.dataset.catalog import Catalog
from plantargets.present.labels import check_lang, has_label, t
from plantargets.present.messages import localised_messages, table_name
from plantargets.present.names import category_name, real_series, region_names, series_names
from plantargets.present.sources import cite, file_refs, is_source_column
from plantargets.present.style import (
    decimal_text,
    pvalue_text,
)
from plantargets.present.table_css import cell_classes, narrow_hidden, narrow_hidden_headers


def header(col: str, lang: str = "zh") -> str:
    """The displayed header of an analysis column (the column name itself when unknown)."""
    check_lang(lang)
    if share := re.fullmatch(r"share_(\d{4})", col):  # the sector-mix pace table's year columns
        return t("column.share_year", lang, year=share.group(1))
    return t(f"column.{col}", lang) if has_label(f"column.{col}") else col


# --------------------------------------------------------------------------------------------
# Names


def _shown(sources: pd.DataFrame, doc_ids: Iterable[object]) -> pd.DataFrame:
    """The manifest rows of the documents a table shows: a region is told apart by its year or
    period only when the table shows two of its documents (克孜勒苏…自治州, not …自治州 2021-2025
    because the corpus also holds its work reports)."""
    return sources[sources["doc_id"].astype(str).isin({str(d) for d in doc_ids})]


def with_labels(
    df: pd.DataFrame,
    sources: pd.DataFrame,
    lang: str = "zh",
    catalog: Catalog | None = None,
    real: Iterable[str] = (),
    highlight: str | None = None,
) -> pd.DataFrame:
    """Add display columns in ``lang``: ``region`` (from doc_id), ``series_label`` (from series),
    ``category_label`` (from a catalogue category). ``highlight`` (a doc_id) gets a ★ before its name.
    Source columns become ``file:line`` references a reader can look up in the document."""
    out = df.copy()
    if "doc_id" in out.columns:
        out = file_refs(out, dict(zip(sources["doc_id"].astype(str), sources["file"].astype(str), strict=True)))
        names = region_names(_shown(sources, out["doc_id"]), lang)
        out["region"] = out["doc_id"].map(lambda d: names.get(str(d), str(d)))
        if highlight is not None:
            out["region"] = mark_label(out["region"], out["doc_id"] == highlight, lang)
    if "series" in out.columns:
        out["series_label"] = out["series"].map(series_names(out["series"].unique(), lang, catalog, real))
    if "category" in out.columns:
        out["category_label"] = out["category"].map(lambda c: category_name(str(c), lang))
    return out


# --------------------------------------------------------------------------------------------
# Tables


_AS_PRINTED = frozenset({"base_value", "target_value", "annual_growth"})


def _is_whole_number_column(col: object, values: pd.Series) -> bool:
    """Years, counts of years, line and sequence numbers: shown without decimals.

    Only when every value is whole: ``sci_per_year`` ends like ``target_year`` but is a rate
    (0.54 pp a year), and printing it as 1 hid the differences between regions.
    """
    name = str(col)
    named = name in ("year", "years", "line", "seq") or (name.endswith(("_year", "_line")) and "per_" not in name)
    numbers = pd.to_numeric(values, errors="coerce").dropna()
    return named and bool((numbers % 1 == 0).all())


# Columns whose codes a reader should see as words: column → vocabulary of labels.csv
# (``value.<vocabulary>.<code>``).
VALUE_COLUMNS = {
    "table": "table",
    "role": "role",
    "severity": "severity",
    "check": "check",
    "flags": "check",
    "kind": "role",
    "qualifier": "qualifier",
    "target_qualifier": "qualifier",
    "parent_relation": "parent_relation",
    "field": "field",
    "level": "level",
    "doc_type": "doc_type",
    "past_price_basis": "price_basis",
    "target_price_basis": "price_basis",
    "published_qualifier": "qualifier",
    "panel_qualifier": "qualifier",
    "term": "term",
    "figure": "figure",
    "period": "period",
    "outcome_basis": "basis",
    "national_basis": "basis",
}


def value_label(col: str, value: object, lang: str = "zh") -> object:
    """A code in column ``col`` as words in ``lang`` (``prose`` → 正文), else the value itself.

    Only the displayed table changes; the saved CSV keeps the codes a program reads.
    """
    if col == "flags" and isinstance(value, str) and value:  # several check names, e.g. "a;b"
        return "; ".join(str(value_label("check", v.strip(), lang)) for v in re.split(r"[;,]", value) if v.strip())
    key = f"value.{VALUE_COLUMNS.get(col, col)}.{value}"
    if has_label(key):
        return t(key, lang)
    if col == "table" and isinstance(value, str):
        return table_name(value, lang)
    return value


def _with_sources(df: pd.DataFrame, columns: Sequence[str] | None) -> list[str]:
    """The columns to show: ``columns`` plus every source column of ``df`` they leave out.

    Every number in a report's table shows where it comes from; a table that lists values
    without their ``file:line`` would make the reader trust it blind.
    """
    chosen = list(columns) if columns is not None else list(df.columns)
    return chosen + [c for c in df.columns if is_source_column(c) and c not in chosen]


def _escaped_pvalue(v: float, decimals: int) -> str:
    """:func:`pvalue_text` for an HTML cell: the formatter's text is not escaped by the Styler."""
    return html.escape(pvalue_text(v, decimals))


def _formats(
    d: pd.DataFrame, decimals: int | Mapping[str, int], mark: Mapping[str, pd.Series] | None
) -> dict[str, Any]:
    """Number formats per column of ``d``; booleans and marked columns are turned into text in place."""
    fmt: dict[str, Any] = {}
    for col in d.columns:
        if pd.api.types.is_bool_dtype(d[col]):
            d[col] = d[col].map({True: "✓", False: ""})
        elif str(col) in _AS_PRINTED and pd.api.types.is_numeric_dtype(d[col]):
            # Document values keep their printed precision (12.68, 50, 0.068), not 2 decimals.
            fmt[col] = "{:,.10g}"
        elif pd.api.types.is_numeric_dtype(d[col]) and _is_whole_number_column(col, d[col]):
            # Years and line numbers read as 2025 and 144, never 2,025.00.
            fmt[col] = "{:.0f}"
        elif pd.api.types.is_float_dtype(d[col]) and str(col).startswith("pvalue"):
            n = max(decimals.get(col, 4) if isinstance(decimals, Mapping) else decimals, 2)
            fmt[col] = partial(_escaped_pvalue, decimals=n)
        elif pd.api.types.is_float_dtype(d[col]):
            n = decimals.get(col, 2) if isinstance(decimals, Mapping) else decimals
            flags = mark.get(col) if mark else None
            if flags is not None:
                flags = flags.reset_index(drop=True).fillna(False).astype(bool)
                d[col] = [
                    "—" if pd.isna(v) else decimal_text(v, n, thousands=True) + ("*" if f else "")
                    for v, f in zip(d[col], flags, strict=True)
                ]
            else:
                fmt[col] = partial(decimal_text, decimals=n, thousands=True)
    return fmt


def styled(
    df: pd.DataFrame,
    lang: str = "zh",
    caption: str = "",
    columns: Sequence[str] | None = None,
    decimals: int | Mapping[str, int] = 2,
    footnote: str = "",
    mark: Mapping[str, pd.Series] | None = None,
) -> Any:
    """A pandas Styler: chosen ``columns`` (and the source columns) with translated headers.

    ``decimals`` is one number of decimals for every float column or a column → decimals map
    (default 2 for the rest). Missing numbers show as '—'. ``mark`` maps a column to a boolean
    Series (aligned on ``df``): True cells get a trailing '*' (e.g. unconfirmed reference values),
    explained by ``footnote`` under the caption. The ``file:line`` references shown are
    recorded for the report's sources appendix.
    """
    check_lang(lang)
    df = localised_messages(df, lang)  # a finding's message in the reader's language
    d = df[_with_sources(df, columns)].reset_index(drop=True).copy()
    cite(d)
    for col in [c for c in VALUE_COLUMNS if c in d.columns]:
        d[col] = d[col].map(lambda v, c=col: value_label(c, v, lang))
    if "indicator" in d.columns:  # catalogue codes (gdp_growth) as their names in the reader's language
        names = series_names(d["indicator"].dropna().astype(str).unique(), lang, tags=False)
        d["indicator"] = d["indicator"].map(lambda v: names.get(str(v), v))
    if list(d.columns) == ["field", "value"]:  # a record shown as field/value rows: its values too
        d["value"] = [value_label(str(f), v, lang) for f, v in zip(df["field"], d["value"], strict=True)]
    numeric = {
        str(c) for c in d.columns if pd.api.types.is_numeric_dtype(d[c]) and not pd.api.types.is_bool_dtype(d[c])
    }
    fmt = _formats(d, decimals, mark)
    classes = cell_classes(d, numeric)
    hidden = narrow_hidden_headers(d.columns, narrow_hidden(d, numeric))
    # Rows that mix targets and outcomes (a role column) must not show an outcome under a
    # "target" header: their end year and value are headed as such.
    ends = {"target_year": "end_year", "target_value": "end_value"} if "role" in d.columns else {}
    if list(d.columns) == ["field", "value"]:  # a record's entries are no target
        ends = {"value": "record_value"}
    d = d.rename(columns={c: header(ends.get(str(c), str(c)), lang) for c in d.columns})
    classes.columns = d.columns
    fmt = {header(ends.get(str(c), str(c)), lang): f for c, f in fmt.items()}
    cap = caption + (f"<br><small>{footnote}</small>" if footnote else "")
    # Cells hold document text: escaped, so a name with <style> or <a href> is shown as text (issue 16, case 8).
    styler = d.style.format(na_rep="—", escape="html").format(fmt, na_rep="—", escape="html")
    styler = styler.format_index(escape="html", axis=1).hide(axis="index").set_td_classes(classes)
    if cap:
        styler = styler.set_caption(cap)
    return styler.set_table_styles(
        [
            {"selector": "caption", "props": "caption-side: top; text-align: left; font-weight: bold;"},
            {"selector": "td", "props": "text-align: right; padding: 2px 8px;"},
            {"selector": "td.pt-text, td.pt-src", "props": "text-align: left;"},
            {"selector": "th", "props": "text-align: left; padding: 2px 8px;"},
            *hidden,
        ]
    )


def mark_label(labels: pd.Series, which: pd.Series, lang: str = "zh") -> pd.Series:
    """Prefix labels where ``which`` is True with a star, to pick out one region in a chart."""
    star = t("mark", lang)
    return pd.Series(
        [f"{star} {lbl}" if w else str(lbl) for lbl, w in zip(labels, which, strict=True)], index=labels.index
    )


# --------------------------------------------------------------------------------------------
# Small helpers that keep notebook cells to one call


def label_matrix(
    matrix: pd.DataFrame, sources: pd.DataFrame, lang: str = "zh", real: Iterable[str] = ()
) -> pd.DataFrame:
    """A doc_id × series matrix with region names as rows and series names as columns.

    Column names carry no unit tag (the heatmap's title and colour bar state the unit); a real
    series keeps its 'real' mark.
    """
    names = region_names(_shown(sources, matrix.index), lang)
    out = matrix.rename(index=lambda d: names.get(str(d), str(d)))
    reals = set(real)
    labels = series_names(list(matrix.columns), lang, tags=False)
    labels = {k: (f"{v} ({t('real_tag', lang)})" if k in reals else v) for k, v in labels.items()}
    return out.rename(columns=labels)


def by_label(df: pd.DataFrame, value_col: str, label_col: str = "series_label", decimals: int = 2) -> dict[str, float]:
    """label → value rounded to ``decimals`` (first per label, NaN dropped): per-facet benchmarks
    for small multiples, whose legends print the number as given."""
    d = df[[label_col, value_col]].dropna().drop_duplicates(label_col)
    return {str(k): round(float(v), decimals) for k, v in zip(d[label_col], d[value_col], strict=True)}


def mix_labels(mix: pd.DataFrame, sources: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Sector-mix rows with ``label`` = region, year and (for a target) the word 'target'."""
    out = with_labels(mix, sources, lang)
    out["label"] = [
        f"{r} {int(y)}" + (f" ({t('target_kind', lang)})" if k == "target" else "")
        for r, y, k in zip(out["region"], out["year"], out["kind"], strict=True)
    ]
    return out


REFERENCE_NOTE = "reference_note"  # labels.csv reference_note.<code>: a row's doubtful status clauses, for a reader


def footnotes(df: pd.DataFrame, name_col: str, note_col: str, lang: str = "zh", code_col: str = "") -> str:
    """A markdown list 'name: note' of the rows with a non-empty note (unconfirmed reference cells).

    With ``code_col`` note and name are the row's label ``reference_note.<code>`` and catalogue name
    in ``lang`` (the reference CSVs keep English research notes); a missing label raises KeyError."""
    d = df[df[note_col].fillna("").astype(str).str.strip() != ""]
    if d.empty:
        return ""
    notes, names = list(d[note_col]), list(d[name_col])
    if code_col:
        codes = [str(c) for c in d[code_col]]
        notes = [t(f"{REFERENCE_NOTE}.{c}", lang) for c in codes]
        shown = series_names(codes, lang, tags=False)
        names = [shown.get(c) or n for c, n in zip(codes, names, strict=True)]
    head = t("unconfirmed_mark", lang)
    return f"{head}:\n\n" + "\n".join(f"- {n}: {note}" for n, note in zip(names, notes, strict=True))


__all__ = [
    "by_label",
    "category_name",
    "cell_classes",
    "footnotes",
    "header",
    "label_matrix",
    "mark_label",
    "mix_labels",
    "real_series",
    "region_names",
    "series_names",
    "styled",
    "value_label",
    "with_labels",
]
