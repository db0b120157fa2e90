"""National and provincial benchmark tables (``data/reference/``) as tidy DataFrames.

The benchmarks were rebuilt from secondary sources, so each table carries a ``status`` text
saying which cells a cited source confirms. The loaders turn it into booleans so a report can
footnote doubtful cells instead of presenting them as confirmed (see ``data/reference/README.md``).

Confirmation rule (one rule for all tables, applied per cell):

- a status is split into clauses where a new label starts (``; confirmed:``, ``; realised``);
  a clause starting with ``confirmed`` or ``verified`` confirms;
- a clause containing ``unconfirmed``, ``INFERRED`` or ``NOT FOUND`` (as written) puts in
  doubt the cells it names: by column keyword (``2020``/``2025``/``annual``/``attribute``,
  ``primary``/``secondary``/``tertiary``, ``target``/``realised``) or by quoting the cell's printed
  value; a doubtful clause that names no cell puts the whole row in doubt;
- a mixed status ``unconfirmed: X; confirmed: Y`` therefore marks False exactly the cells in X;
- a row's ``confirmed`` is True only when every cell it has is confirmed.

Values are parsed from the printed cells: ``*`` (a 2019 value in the 2020 column, table note 2)
goes to a ``*_flag`` column, ``<``/``>`` to a qualifier, ``[13.5]`` to a cumulative five-year
figure, ``a-b`` to a range (lower bound in the number), non-numeric wording to ``*_text``.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from plantargets import paths
from plantargets.dataset.catalog import Catalog

NATIONAL_FYP14 = "national_fyp14_main_indicators.csv"
NATIONAL_GDP = "national_annual_gdp_targets.csv"
NATIONAL_SECTOR_MIX = "national_sector_mix.csv"
PROVINCIAL_GDP = "provincial_annual_gdp_targets.csv"

# The provincial table names regions by short name; GB/T 2260 codes of those provinces.
PROVINCE_CODES = {"新疆": "650000", "内蒙古": "150000"}
# Pseudo-code for the nation when it is a region's benchmark (GB/T 2260 has no code for it).
NATIONAL_CODE = "000000"
# The national 14th plan: 2020 baseline, 2025 target (the plan's main-indicator table).
FYP14_BASE_YEAR, FYP14_TARGET_YEAR = 2020, 2025

_DOUBT_RE = re.compile(r"unconfirmed|INFERRED|NOT FOUND")
# A status is split into clauses where a new label starts ('; confirmed: ...', '; realised ...'),
# not at every ';' (sources inside a clause are separated by ';' too).
_CLAUSE_SPLIT_RE = re.compile(r";\s*(?=(?:un)?confirmed\b|verified\b|target\b|realised\b)", re.IGNORECASE)
_CONFIRM_RE = re.compile(r"^\s*(confirmed|verified)\b", re.IGNORECASE)
_NUMBER_RE = re.compile(r"-?\d+(?:\.\d+)?")
_QUALIFIER_ZH = {"以上": "at_least", "左右": "approx", "以内": "at_most"}


# --------------------------------------------------------------------------------------------
# Cell values and status


def parse_cell(cell: object) -> dict[str, Any]:
    """Parse one printed reference cell into number, qualifier, cumulative, flag, text, upper.

    ``'60.6*'`` → 60.6 with flag ``'*'``; ``'<5.5'`` → 5.5 ``at_most``; ``'>7、力争…'`` → 7
    ``at_least`` with the wording kept in ``text``; ``'[13.5]'`` → 13.5 cumulative;
    ``'4.5-5'`` → 4.5 ``range`` with ``upper`` 5; ``"6 (estimate '左右')"`` → 6 ``approx``;
    empty → ``missing``; wording without a number → ``text``.
    (A reference-table dialect kept here because ``*`` is a national-table convention that the
    document value grammar in ``values.py`` does not know.)
    """
    out: dict[str, Any] = {
        "number": np.nan,
        "qualifier": "missing",
        "cumulative": False,
        "flag": "",
        "text": "",
        "upper": np.nan,
    }
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return out
    s = str(cell).strip()
    if not s or s in {"—", "-", "－"}:
        return out
    if "*" in s:
        out["flag"] = "*"
        s = s.replace("*", "").strip()
    m = re.fullmatch(r"[\[〔]\s*(-?\d+(?:\.\d+)?)\s*[\]〕]", s)
    if m:
        out.update(number=float(m.group(1)), qualifier="exact", cumulative=True)
        return out
    m = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*[-–~～]\s*(\d+(?:\.\d+)?)", s)
    if m:
        out.update(number=float(m.group(1)), upper=float(m.group(2)), qualifier="range", text=s)
        return out
    m = re.match(r"^\s*([<>≤≥]?)\s*(-?\d+(?:\.\d+)?)(.*)$", s)
    if not m:
        out.update(qualifier="text", text=s)
        return out
    sign, number, rest = m.group(1), float(m.group(2)), m.group(3).strip()
    qualifier = {"<": "at_most", "≤": "at_most", ">": "at_least", "≥": "at_least"}.get(sign, "exact")
    for zh, q in _QUALIFIER_ZH.items():
        if zh in rest and qualifier == "exact":
            qualifier = q
    out.update(number=number, qualifier=qualifier, text=rest.strip("、,，; ") if rest else "")
    return out


def parse_qualifier(text: object) -> str:
    """``'approx(左右)'`` → ``'approx'``; empty → ``'missing'`` (the CSVs spell qualifiers this way)."""
    if text is None or (isinstance(text, float) and np.isnan(text)) or not str(text).strip():
        return "missing"
    return str(text).split("(")[0].strip()


def cell_confirmation(status: object, cells: Mapping[str, tuple[tuple[str, ...], str]]) -> dict[str, bool]:
    """Which cells of a row a status text confirms (the rule is in the module docstring).

    ``cells`` maps a cell name to (keywords naming that cell in a status, the cell as printed).
    Returns cell name → confirmed. An empty status confirms nothing.
    """
    text = "" if status is None or (isinstance(status, float) and np.isnan(status)) else str(status)
    if not text.strip():
        return dict.fromkeys(cells, False)
    clauses = [c.strip() for c in _CLAUSE_SPLIT_RE.split(text) if c.strip()]
    result = dict.fromkeys(cells, True)
    for clause in clauses:
        if not _DOUBT_RE.search(clause):
            continue
        named = [name for name, (keywords, printed) in cells.items() if _names_cell(clause, keywords, printed)]
        for name in named or list(cells):
            result[name] = False
    if not any(_CONFIRM_RE.match(c) for c in clauses) and all(_DOUBT_RE.search(c) for c in clauses):
        # A status that is nothing but doubt ('unconfirmed: ...') confirms no cell at all.
        return dict.fromkeys(cells, False)
    return result


def _names_cell(clause: str, keywords: tuple[str, ...], printed: str) -> bool:
    low = clause.lower()
    if any(re.search(rf"(?<![A-Za-z]){re.escape(k.lower())}", low) for k in keywords):
        return True
    printed = printed.strip()
    if printed and _NUMBER_RE.search(printed):
        return re.search(rf"(?<![\d.]){re.escape(printed)}(?![\d.])", clause) is not None
    return False


def _doubt_note(status: object) -> str:
    """The doubtful clauses of a status, for a report footnote ('' when all is confirmed)."""
    if status is None or (isinstance(status, float) and np.isnan(status)):
        return "no source recorded"
    clauses = _CLAUSE_SPLIT_RE.split(str(status))
    # A lower-case 'inferred' (e.g. 'year inferred from content') does not unconfirm a cell
    # under the rule above, but a reader should still see it.
    return "; ".join(c.strip() for c in clauses if _DOUBT_RE.search(c) or "inferred" in c.lower())


def _read(name: str, directory: Path | None) -> pd.DataFrame:
    path = (directory or paths.REFERENCE_DIR) / name
    if not path.is_file():
        raise FileNotFoundError(f"reference table missing: {path} (see data/reference/README.md)")
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Catalogue codes


def catalogue_codes(names: Iterable[str], units: Iterable[str] | None = None) -> list[str | None]:
    """Catalogue codes for printed indicator names, via ``Catalog.load().match``.

    While the catalogue is not implemented (early in the project) this returns None for every
    name with a warning, so the benchmarks still load; analyses that join on codes then find
    nothing to join rather than failing.
    """
    names = list(names)
    units_list = list(units) if units is not None else [""] * len(names)
    try:
        catalog = Catalog.load()
        return [catalog.match(n, u) for n, u in zip(names, units_list, strict=True)]
    except NotImplementedError:
        warnings.warn("indicator catalogue not available yet: reference indicators have no codes", stacklevel=2)
        return [None] * len(names)


# --------------------------------------------------------------------------------------------
# Loaders


def load_national_fyp14(directory: Path | None = None) -> pd.DataFrame:
    """The national 14th-plan main indicators, one row per indicator, with per-cell confirmation.

    Columns: seq, category, name, code (catalogue), unit, base_year (2020), base_value, base_flag
    (``*`` = a 2019 value), target_year (2025), target_value, target_qualifier, target_text,
    annual_value, annual_qualifier, annual_text, cumulative (the annual column is a five-year
    total), attribute, confirmed_base/target/annual/attribute, confirmed (all cells), footnote
    (the doubtful clauses), status, sources. Values in the printed unit.
    """
    raw = _read(NATIONAL_FYP14, directory)
    rows = []
    for rec in raw.to_dict("records"):
        base, target, annual = (
            parse_cell(rec["value_2020"]),
            parse_cell(rec["target_2025"]),
            parse_cell(rec["annual_or_cumulative"]),
        )
        cells = {
            "base": (("2020",), rec["value_2020"]),
            "target": (("2025",), rec["target_2025"]),
            "annual": (("annual",), rec["annual_or_cumulative"]),
            "attribute": (("attribute",), ""),
        }
        conf = cell_confirmation(rec["status"], cells)
        rows.append(
            {
                "seq": int(rec["seq"]),
                "category": rec["category"],
                "name": rec["indicator"],
                "unit": rec["unit"],
                "base_year": FYP14_BASE_YEAR,
                "base_value": base["number"],
                "base_flag": base["flag"],
                "target_year": FYP14_TARGET_YEAR,
                "target_value": target["number"],
                "target_qualifier": target["qualifier"],
                "target_text": target["text"],
                "annual_value": annual["number"],
                "annual_qualifier": annual["qualifier"],
                "annual_text": annual["text"],
                "cumulative": bool(annual["cumulative"] or target["cumulative"]),
                "attribute": rec["attribute"],
                **{f"confirmed_{k}": v for k, v in conf.items()},
                "confirmed": all(conf.values()),
                "footnote": _doubt_note(rec["status"]),
                "status": rec["status"],
                "sources": rec["sources"],
            }
        )
    df = pd.DataFrame(rows)
    df.insert(3, "code", catalogue_codes(df["name"], df["unit"]))
    return df


def load_national_gdp_targets(directory: Path | None = None) -> pd.DataFrame:
    """National annual GDP growth targets (government work reports) and realised growth, in % (real).

    Columns: year, target_pct (lower bound for a range), target_upper, qualifier, realised_pct,
    confirmed, footnote, sources. The file has no status column: every row cites the report that
    prints its number, so ``confirmed`` is True where a source is given.
    """
    raw = _read(NATIONAL_GDP, directory)
    rows = []
    for rec in raw.to_dict("records"):
        target = parse_cell(rec["target_pct"])
        realised = parse_cell(rec["realised_pct"])
        has_source = bool(rec["sources"].strip())
        rows.append(
            {
                "year": int(rec["year"]),
                "target_pct": target["number"],
                "target_upper": target["upper"],
                "qualifier": parse_qualifier(rec["qualifier"]),
                "realised_pct": realised["number"],
                "confirmed": has_source,
                "footnote": "" if has_source else "no source recorded",
                "sources": rec["sources"],
            }
        )
    return pd.DataFrame(rows)


def load_national_sector_mix(directory: Path | None = None) -> pd.DataFrame:
    """National three-sector shares of GDP (%) by year, with per-sector confirmation.

    Columns: year, primary, secondary, tertiary, confirmed_primary/secondary/tertiary, confirmed,
    footnote, status, sources.
    """
    raw = _read(NATIONAL_SECTOR_MIX, directory)
    rows = []
    for rec in raw.to_dict("records"):
        sectors = ("primary", "secondary", "tertiary")
        conf = cell_confirmation(rec["status"], {s: ((s,), rec[s]) for s in sectors})
        rows.append(
            {
                "year": int(rec["year"]),
                **{s: parse_cell(rec[s])["number"] for s in sectors},
                **{f"confirmed_{s}": conf[s] for s in sectors},
                "confirmed": all(conf.values()),
                "footnote": _doubt_note(rec["status"]),
                "status": rec["status"],
                "sources": rec["sources"],
            }
        )
    return pd.DataFrame(rows).sort_values("year", ignore_index=True)


def load_provincial_gdp_targets(directory: Path | None = None) -> pd.DataFrame:
    """Provincial annual GDP growth targets and realised growth (%, real), with confirmation.

    Columns: region (as printed, 新疆/内蒙古), admin_code (GB/T 2260), year, target_pct,
    qualifier, realised_pct, realised_qualifier, target_confirmed, realised_confirmed,
    confirmed (every non-empty cell confirmed), footnote, status, sources. A missing cell is
    never confirmed (target_confirmed is False where no target was found).
    """
    raw = _read(PROVINCIAL_GDP, directory)
    rows = []
    for rec in raw.to_dict("records"):
        target = parse_cell(rec["gdp_growth_target_pct"])
        realised = parse_cell(rec["realised_pct"])
        cells = {"target": (("target",), rec["gdp_growth_target_pct"]), "realised": (("realised",), "")}
        conf = cell_confirmation(rec["status"], cells)
        has = {"target": not np.isnan(target["number"]), "realised": not np.isnan(realised["number"])}
        region = rec["region"].strip()
        if region not in PROVINCE_CODES:
            raise ValueError(f"{PROVINCIAL_GDP}: region {region!r} has no code in reference.PROVINCE_CODES")
        rows.append(
            {
                "region": region,
                "admin_code": PROVINCE_CODES[region],
                "year": int(rec["year"]),
                "target_pct": target["number"],
                "qualifier": parse_qualifier(rec["qualifier"]),
                "realised_pct": realised["number"],
                "realised_qualifier": realised["qualifier"],
                "target_confirmed": has["target"] and conf["target"],
                "realised_confirmed": has["realised"] and conf["realised"],
                "confirmed": all(conf[k] for k in cells if has[k]) and any(has.values()),
                "footnote": _doubt_note(rec["status"]),
                "status": rec["status"],
                "sources": rec["sources"],
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Parent benchmarks


SOURCE_FRAME_COLUMNS = ["doc_id", "region_zh", "admin_code", "level", "parent_code", "doc_type", "report_year"]
PARENT_COLUMNS = [
    "doc_id",
    "region",
    "admin_code",
    "level",
    "parent_code",
    "benchmark_code",
    "benchmark_relation",
    "year",
    "parent_target_pct",
    "parent_qualifier",
    "parent_realised_pct",
    "origin",
    "origin_ref",
    "confirmed",
    "footnote",
]
# Indicator codes whose work-report target is the annual real GDP growth rate.
GDP_GROWTH_CODES = ("gdp_growth", "gdp")


def sources_frame(sources: pd.DataFrame | Iterable[Any]) -> pd.DataFrame:
    """The manifest as a DataFrame (accepts manifest.Source objects or a DataFrame of its columns)."""
    if isinstance(sources, pd.DataFrame):
        df = sources.copy()
    else:
        df = pd.DataFrame([asdict(s) if is_dataclass(s) and not isinstance(s, type) else dict(s) for s in sources])
    missing = [c for c in SOURCE_FRAME_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"sources lack column(s) {missing}; pass manifest.load_manifest() or its columns")
    for col in ("admin_code", "parent_code"):
        df[col] = df[col].fillna("").astype(str).str.strip()
    df["report_year"] = pd.to_numeric(df["report_year"], errors="coerce")
    return df


def document_gdp_targets(indicators: pd.DataFrame, sources: pd.DataFrame | Iterable[Any]) -> pd.DataFrame:
    """Annual GDP growth targets stated in the dataset's work reports, keyed by admin_code and year.

    The number is the target_value of a ``%`` row coded gdp_growth/gdp (地区生产总值增长7%左右),
    else its annual_growth; the year is the row's target_year, else the report's year.
    Columns: admin_code, year, target_pct, qualifier, doc_id, line.
    """
    src = sources_frame(sources)
    reports = src[src["doc_type"] == "work_report"]
    out = []
    for rep in reports.to_dict("records"):
        rows = indicators[(indicators["doc_id"] == rep["doc_id"]) & indicators["indicator"].isin(GDP_GROWTH_CODES)]
        for r in rows.to_dict("records"):
            unit = str(r.get("unit") or "")
            value = pd.to_numeric(r.get("target_value"), errors="coerce")
            if unit.strip() != "%" or pd.isna(value):
                value = pd.to_numeric(r.get("annual_growth"), errors="coerce")
            if pd.isna(value):
                continue
            year = pd.to_numeric(r.get("target_year"), errors="coerce")
            year = rep["report_year"] if pd.isna(year) else year
            if pd.isna(year):
                continue
            out.append(
                {
                    "admin_code": rep["admin_code"],
                    "year": int(year),
                    "target_pct": float(value),
                    "qualifier": r.get("qualifier") or "",
                    "doc_id": rep["doc_id"],
                    "line": r.get("line"),
                }
            )
    cols = ["admin_code", "year", "target_pct", "qualifier", "doc_id", "line"]
    return pd.DataFrame(out, columns=cols).drop_duplicates(["admin_code", "year"], keep="first")


def parent_targets(
    indicators: pd.DataFrame,
    sources: pd.DataFrame | Iterable[Any],
    year: int | None = None,
    directory: Path | None = None,
) -> pd.DataFrame:
    """The annual GDP growth target of each region's parent, for amplification analyses (% real).

    For each document's region the benchmark is searched up the hierarchy: the direct parent
    (``parent_code``), then the province (first two digits + ``0000``) when the direct parent has
    no known target, then the nation for a province. For each benchmark region, targets come
    first from documents in the dataset (a work report of that region, e.g. the 2023 Xinjiang
    report for regions whose parent is 650000), then from ``provincial_annual_gdp_targets.csv``,
    and for the nation from ``national_annual_gdp_targets.csv``. ``benchmark_relation`` says
    which level was used ('parent', 'province (grandparent)', 'national'), so a county compared
    with its province is never mistaken for a comparison with its prefecture.

    ``year`` keeps one year (e.g. 2021, the first plan year); None keeps every year found.
    Rows: one per document region × year with a benchmark; ``confirmed`` is False for a
    reference cell marked unconfirmed/inferred, True for a number read from a dataset document.
    """
    src = sources_frame(sources)
    from_docs = document_gdp_targets(indicators, src)
    provincial = load_provincial_gdp_targets(directory)
    national = load_national_gdp_targets(directory)

    def targets_of(code: str) -> pd.DataFrame:
        doc = from_docs[from_docs["admin_code"] == code]
        parts = [
            pd.DataFrame(
                {
                    "year": doc["year"],
                    "parent_target_pct": doc["target_pct"],
                    "parent_qualifier": doc["qualifier"],
                    "parent_realised_pct": np.nan,
                    "origin": "document",
                    "origin_ref": doc["doc_id"] + ":" + doc["line"].astype(str),
                    "confirmed": True,
                    "footnote": "",
                }
            )
        ]
        if code == NATIONAL_CODE:
            ref, file = national, NATIONAL_GDP
            ref = ref.assign(target_confirmed=ref["confirmed"])
        else:
            ref, file = provincial[provincial["admin_code"] == code], PROVINCIAL_GDP
        ref = ref[ref["target_pct"].notna() & ~ref["year"].isin(doc["year"])]
        parts.append(
            pd.DataFrame(
                {
                    "year": ref["year"],
                    "parent_target_pct": ref["target_pct"],
                    "parent_qualifier": ref["qualifier"],
                    "parent_realised_pct": ref["realised_pct"],
                    "origin": "reference",
                    "origin_ref": file,
                    "confirmed": ref["target_confirmed"],
                    "footnote": ref["footnote"],
                }
            )
        )
        parts = [p for p in parts if not p.empty]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()

    rows = []
    for rec in src.to_dict("records"):
        code, parent = rec["admin_code"], rec["parent_code"]
        chain: list[tuple[str, str]] = []
        if parent:
            chain.append((parent, "parent"))
            province = parent[:2] + "0000"
            if province != parent:
                chain.append((province, "province (grandparent)"))
        elif rec["level"] == "province":
            chain.append((NATIONAL_CODE, "national"))
        for bench_code, relation in chain:
            found = targets_of(bench_code)
            if year is not None and not found.empty:
                found = found[found["year"] == year]
            if found.empty:
                continue
            for f in found.to_dict("records"):
                rows.append(
                    {
                        "doc_id": rec["doc_id"],
                        "region": rec["region_zh"],
                        "admin_code": code,
                        "level": rec["level"],
                        "parent_code": parent,
                        "benchmark_code": bench_code,
                        "benchmark_relation": relation,
                        **f,
                    }
                )
            break
    df = pd.DataFrame(rows, columns=PARENT_COLUMNS)
    return df.sort_values(["doc_id", "year"], ignore_index=True)
