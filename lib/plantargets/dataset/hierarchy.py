"""Every region's chain of parents (nation → province → city or prefecture → county) as data.

The region table (``data/reference/regions.csv``, :mod:`plantargets.dataset.regions`) holds one
parent per region; the panels need the whole chain, so that a county's target can be set
against its prefecture's, its province's and the nation's of the same year. This module turns
the table into codes and a flat frame (``region_hierarchy.csv``).
"""

from __future__ import annotations

import pandas as pd

from plantargets.dataset.regions import RegionTable, load_regions
from plantargets.errors import InputError
from plantargets.vocab.columns import column_names

# Separator of the chain columns: codes and names contain neither.
CHAIN_SEP = ">"
# The hierarchy table's columns in file order (vocab/columns.csv, as in datapackage.json).
HIERARCHY_COLUMNS = column_names("region_hierarchy")


def parent_chain(code: str, table: RegionTable | None = None) -> list[str]:
    """Codes from the nation down to ``code`` itself: '150524' → ['000000', '150000', '150500', '150524'].

    An unknown code is an error naming the region table: a panel row without its chain would
    silently lose its parents.
    """
    table = table or load_regions()
    if table.get(code) is None:
        raise InputError(f"region code {code!r} is not in the region table", file=table.source)
    return [r.code for r in table.chain(code)]


def parent_code(code: str, table: RegionTable | None = None) -> str:
    """The direct parent's code ('' for the nation and for codes not in the table)."""
    table = table or load_regions()
    region = table.get(code)
    return region.parent_code if region is not None else ""


def _at_level(chain: list[str], table: RegionTable, level: str) -> str:
    return next((c for c in chain if (r := table.get(c)) is not None and r.level == level), "")


def hierarchy_frame(table: RegionTable | None = None) -> pd.DataFrame:
    """One row per region: its parent, depth (nation 0), province and prefecture codes, whole chain."""
    table = table or load_regions()
    rows = []
    for region in sorted(table, key=lambda r: r.code):
        chain = [r.code for r in table.chain(region.code)]
        rows.append(
            {
                "code": region.code,
                "name_zh": region.name_zh,
                "name_en": region.name_en,
                "level": region.level,
                "kind": region.kind,
                "parent_code": region.parent_code,
                "depth": len(chain) - 1,
                "province_code": _at_level(chain, table, "province"),
                "prefecture_code": _at_level(chain, table, "prefecture"),
                "chain_codes": CHAIN_SEP.join(chain),
                "chain_names": CHAIN_SEP.join(table.by_code[c].name_zh for c in chain),
            }
        )
    out = pd.DataFrame(rows, columns=HIERARCHY_COLUMNS)
    out["depth"] = out["depth"].astype("int64")
    return out


__all__ = ["CHAIN_SEP", "HIERARCHY_COLUMNS", "hierarchy_frame", "parent_chain", "parent_code"]
