"""Scoring the extractor against hand keys of work reports (tests/golden/workreports/keys).

Each key row is one figure a person read in a report (format: tests/golden/workreports/README.md).
A key is *found* when an extracted prose row of the same file and line holds the key's number
(in any numeric column, or the key's words for a text target). For every found key each field
is then checked: ``role``, ``value`` (the number sits in the key's field), ``qualifier``, ``year``
(``target_year`` for targets and actual growth rates, ``base_year`` for actual levels),
``preliminary``, ``upper`` (of a range, read back from ``target_text``).

- recall of a field: keys found with that field right / all keys;
- precision of a field: keys found with that field right / extracted rows *in scope*, i.e.
  rows on a line that holds at least one key (keys cover the targets passage, the review's
  headline and plan figures; a figure elsewhere in a report is not keyed, so it is neither
  right nor wrong), except a one-year actual figure that no key holds and that names none of
  the review's keyed kinds (``KEYED_REVIEW_WORDS``: the conventions leave incomes, jobs and
  industry figures of the review unkeyed, though they share a line with the headline ones);
- a key without a value whose qualifier is not ``text`` (a figure the file has lost, such as an
  upstream ``$1.$2`` placeholder) is skipped: there is nothing to find;
- GDP-growth-target accuracy: keys with role ``target`` and indicator ``gdp_growth`` whose
  number, qualifier, year and role are all right.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from plantargets.dataset.manifest import load_manifest, manifest_by_file
from plantargets.extract.values import parse_value

# The review figures the conventions key (README: GDP level and growth, CPI, unemployment, fixed-asset
# investment, retail sales, budget revenue), named broadly: a row naming any of these words stays in scope,
# unless it is per head, a share, an index or an intensity of them (人均生产总值, 财政收入占生产总值比重, 万元生产
# 总值能耗下降); incomes (居民收入), foreign investment (实际利用外资) and insurance cover are not keyed.
KEYED_REVIEW_WORDS = re.compile("生产总值|GDP|经济|价格|CPI|失业率|固定资产投资|零售|消费品|财政|预算")
_SHARE_OR_INDEX = re.compile("人均|(?:比重|比例|占比|指数|能耗|下降|降低)$")
FIELDS = ("role", "value", "qualifier", "year", "preliminary", "upper")
KEY_COLUMNS = ("file", "line", "role", "indicator", "name", "field", "value", "upper", "unit", "qualifier", "year",
               "preliminary", "text", "note")  # fmt: skip
NUMERIC = ("annual_growth", "target_value", "base_value")
# Key sets still blind (tests/golden/workreports/README.md): only measured, their misses never
# printed. A set leaves this list when it becomes development data (and says so in the README).
BLIND_SETS = ("heldout3",)


def is_blind(keys_dir: Path) -> bool:
    """True for a folder of a blind key set (``heldout3_keys``): score it, never list its misses."""
    return any(Path(keys_dir).name.startswith(f"{b}_") or Path(keys_dir).name == b for b in BLIND_SETS)


@dataclass
class Score:
    """Counts behind precision and recall per field."""

    keys: int = 0
    in_scope: int = 0
    found: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    gdp_targets: int = 0
    gdp_right: int = 0
    misses: list[str] = field(default_factory=list)

    def recall(self, f: str) -> float:
        return self.right[f] / self.keys if self.keys else 0.0

    def precision(self, f: str) -> float:
        return self.right[f] / self.in_scope if self.in_scope else 0.0

    @property
    def gdp_accuracy(self) -> float:
        return self.gdp_right / self.gdp_targets if self.gdp_targets else 0.0

    def table(self) -> pd.DataFrame:
        """Precision and recall per field, as a small frame for printing."""
        rows = [{"field": f, "precision": self.precision(f), "recall": self.recall(f)} for f in FIELDS]
        return pd.DataFrame(rows).set_index("field").round(3)


def load_keys(folder: Path) -> pd.DataFrame:
    """All key CSVs of ``folder`` as one frame (text columns as str, empty as '')."""
    frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in sorted(Path(folder).glob("*.csv"))]
    if not frames:
        return pd.DataFrame(columns=list(KEY_COLUMNS))
    keys = pd.concat(frames, ignore_index=True)
    missing = [c for c in KEY_COLUMNS if c not in keys.columns]
    if missing:
        raise ValueError(f"{folder}: key files lack columns {missing}")
    return keys


def _num(x: object) -> float | None:
    if x is None or x == "" or (isinstance(x, float) and math.isnan(x)):
        return None
    try:
        return float(str(x))
    except ValueError:
        return None


def _same(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-6)


def _holds(row: dict, key: dict) -> bool:
    """Whether an extracted row holds the key's figure (its number, or its words for a text target;
    compared in NFKC form, as the reader reads ２０００ as 2000)."""
    value = _num(key["value"])
    if value is None:
        words, text, raw = (
            unicodedata.normalize("NFKC", str(x)) for x in (key["text"], row["target_text"], row["raw"])
        )
        return row["qualifier"] == "text" and bool(words.strip()) and (text in words or words.strip() in raw)
    return any(_same(_num(row[c]), value) for c in NUMERIC)


def _fields(row: dict, key: dict) -> dict[str, bool]:
    """Which fields of a found key the row has right."""
    value = _num(key["value"])
    col = key["field"] if key["field"] in NUMERIC else ""
    year_col = "base_year" if key["role"] == "actual" and key["field"] == "base_value" else "target_year"
    upper = parse_value(row["target_text"]).upper if row["target_text"] else None
    return {
        "role": row["role"] == key["role"],
        "value": (value is None and row["qualifier"] == "text") or (bool(col) and _same(_num(row[col]), value)),
        "qualifier": row["qualifier"] == key["qualifier"],
        "year": _same(_num(row[year_col]), _num(key["year"])),
        "preliminary": str(row["preliminary"]).lower() == key["preliminary"].strip().lower(),
        "upper": _same(upper, _num(key["upper"])),
    }


LineMaps = dict[str, dict[int, tuple[int, ...]]]


def _lines_of(file: str, line: int, line_maps: LineMaps | None) -> tuple[int, ...]:
    """The extracted lines that carry a key's line: itself, or its variant lines (dataset.variants)."""
    if line_maps is None:
        return (line,)
    return line_maps.get(file, {}).get(line, ())


def score(
    extracted: pd.DataFrame, keys: pd.DataFrame, file_of: dict[str, str], line_maps: LineMaps | None = None
) -> Score:
    """Compare ``extracted`` indicator rows with ``keys``; ``file_of`` maps source_file → key ``file``.

    Rows are taken from ``table == 'prose'``; each extracted row is used by at most one key.
    ``line_maps`` (key file → original line → extracted lines) scores a re-printed document
    (``dataset.variants``): a key is found on any line that carries its original line.
    """
    s = Score()
    prose = extracted[extracted["table"] == "prose"].copy()
    prose["file"] = prose["source_file"].map(file_of).fillna(prose["source_file"])
    by_line: dict[tuple[str, int], list[dict]] = {}
    for row in prose.to_dict("records"):
        by_line.setdefault((row["file"], int(row["line"])), []).append(row)
    keyed_lines = {
        (k["file"], n) for k in keys.to_dict("records") for n in _lines_of(k["file"], int(k["line"]), line_maps)
    }
    used: set[int] = set()
    for key in keys.to_dict("records"):
        if _num(key["value"]) is None and key["qualifier"] != "text":
            continue  # a figure the file has lost ($1.$2): nothing to find (README, conventions)
        s.keys += 1
        gdp = key["role"] == "target" and key["indicator"] == "gdp_growth"
        s.gdp_targets += gdp
        best: tuple[int, dict[str, bool], int] | None = None
        lines = _lines_of(key["file"], int(key["line"]), line_maps)
        for row in (r for n in lines for r in by_line.get((key["file"], n), [])):
            if id(row) in used or not _holds(row, key):
                continue
            got = _fields(row, key)
            if best is None or sum(got.values()) > best[0]:
                best = (sum(got.values()), got, id(row))
        if best is None:
            s.misses.append(f"{key['file']}:{key['line']} {key['role']} {key['name']} {key['value']} not found")
            continue
        s.found += 1
        used.add(best[2])
        for f, ok in best[1].items():
            s.right[f] += ok
        wrong = [f for f, ok in best[1].items() if not ok]
        if wrong:
            s.misses.append(f"{key['file']}:{key['line']} {key['role']} {key['name']} {key['value']} wrong {wrong}")
        if gdp and all(best[1][f] for f in ("value", "qualifier", "year", "role")):
            s.gdp_right += 1
    rows = [r for kl in keyed_lines for r in by_line.get(kl, [])]
    s.in_scope = sum(1 for r in rows if id(r) in used or not _unkeyed_review_figure(r))
    return s


def _unkeyed_review_figure(row: dict) -> bool:
    """A one-year actual figure of a kind the conventions do not key (规模以上工业增加值增长3.8％ beside the
    review's GDP growth): neither right nor wrong. Averages over several years (a closing plan's) are keyed."""
    name = str(row.get("name", ""))
    if row.get("role") != "actual" or (KEYED_REVIEW_WORDS.search(name) and not _SHARE_OR_INDEX.search(name)):
        return False
    first, last = _num(row.get("base_year")), _num(row.get("target_year"))
    return first is None or last is None or last - first <= 1


def score_files(keys_dir: Path, raw_dir: Path, files: Iterable[str] | None = None) -> Score:
    """Extract the keyed documents (manifest rows when present) and score them."""
    from plantargets.dataset.assemble import extract_documents

    keys = load_keys(keys_dir)
    wanted = sorted(set(keys["file"]) if files is None else set(files))
    if not wanted:
        raise ValueError(f"{keys_dir}: no keys to score (a folder of key CSVs, e.g. tests/golden/workreports/keys)")
    keys = keys[keys["file"].isin(wanted)]
    try:
        by_file = manifest_by_file(load_manifest(raw_dir / "sources.csv", raw_dir))
    except Exception:
        by_file = {}
    items = [(raw_dir / f, by_file.get(f)) for f in wanted]
    # Several keyed files share a base name (2024.md): extract one by one, name rows by path.
    frames = []
    for path, src in items:
        ind = extract_documents([(path, src)]).indicators.copy()
        ind["source_file"] = str(path.relative_to(raw_dir))
        frames.append(ind)
    return score(pd.concat(frames, ignore_index=True), keys, {})


__all__ = ["BLIND_SETS", "FIELDS", "LineMaps", "Score", "is_blind", "load_keys", "score", "score_files"]
