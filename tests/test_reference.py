"""Reference tables: parsing of printed cells, the status → confirmed rule, parent benchmarks."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from plantargets.analysis import parents
from plantargets.dataset import reference as ref
from plantargets.dataset.manifest import load_manifest
from plantargets.vocab.columns import INDICATOR_COLUMNS


@pytest.mark.parametrize(
    ("cell", "number", "qualifier", "cumulative", "flag"),
    [
        ("60.6*", 60.6, "exact", False, "*"),
        ("<5.5", 5.5, "at_most", False, ""),
        (">6.5", 6.5, "at_least", False, ""),
        ("[13.5]", 13.5, "exact", True, ""),
        ("[1]", 1.0, "exact", True, ""),
        (">7、力争投入强度高于“十三五”时期实际", 7.0, "at_least", False, ""),
        ("4.5-5", 4.5, "range", False, ""),
        ("6 (estimate '左右')", 6.0, "approx", False, ""),
        ("保持在合理区间、各年度视情提出", math.nan, "text", False, ""),
        ("", math.nan, "missing", False, ""),
    ],
)
def test_parse_cell(cell: str, number: float, qualifier: str, cumulative: bool, flag: str) -> None:
    out = ref.parse_cell(cell)
    assert (math.isnan(out["number"]) and math.isnan(number)) or out["number"] == pytest.approx(number)
    assert (out["qualifier"], out["cumulative"], out["flag"]) == (qualifier, cumulative, flag)


def test_status_rule_mixed_clause_names_the_doubtful_cells() -> None:
    cells = {
        "base": (("2020",), "5.2"),
        "target": (("2025",), "<5.5"),
        "annual": (("annual",), ""),
        "attribute": (("attribute",), ""),
    }
    status = (
        "unconfirmed: attribute 预期性, and whether '<5.5' sits in the 2025 or the annual column; "
        "confirmed: 5.2 end-2020 (Xinmin; CGTN)"
    )
    assert ref.cell_confirmation(status, cells) == {"base": True, "target": False, "annual": False, "attribute": False}
    assert all(ref.cell_confirmation("confirmed: all of it", cells).values())
    assert not any(ref.cell_confirmation("unconfirmed: recalled", cells).values())
    assert not any(ref.cell_confirmation("", cells).values())


def test_national_fyp14_table() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # catalogue may not be implemented yet
        df = ref.load_national_fyp14()
    assert len(df) == 20 and df["seq"].tolist() == list(range(1, 21))
    by = df.set_index("seq")
    assert by.loc[14, "annual_value"] == 13.5 and bool(by.loc[14, "cumulative"])
    assert by.loc[3, "base_flag"] == "*" and by.loc[3, "base_value"] == 60.6
    assert by.loc[8, "target_qualifier"] == "at_most"
    # 森林覆盖率: the 2020 cell 23.2* is unconfirmed, the 2025 target 24.1 is confirmed
    assert not by.loc[18, "confirmed_base"] and by.loc[18, "confirmed_target"] and not by.loc[18, "confirmed"]
    assert "23.2*" in by.loc[18, "footnote"]
    # 基本养老保险参保率: 2020 value 91 and attribute unconfirmed, target 95 confirmed
    assert not by.loc[11, "confirmed_base"] and by.loc[11, "confirmed_target"]
    assert by.loc[1, "confirmed"] and by.loc[14, "confirmed"]
    assert df["confirmed"].dtype == bool


def test_sector_mix_and_gdp_tables() -> None:
    mix = ref.load_national_sector_mix().set_index("year")
    assert mix.loc[2020, ["primary", "secondary", "tertiary"]].sum() == pytest.approx(100.0)
    assert mix.loc[2020, "confirmed"]
    assert not mix.loc[2015, "confirmed_primary"] and not mix.loc[2015, "confirmed_secondary"]
    assert mix.loc[2015, "confirmed_tertiary"] and not mix.loc[2015, "confirmed"]
    nat = ref.load_national_gdp_targets().set_index("year")
    assert nat.loc[2023, "target_pct"] == 5.0 and nat.loc[2023, "qualifier"] == "approx"
    assert nat.loc[2026, "qualifier"] == "range" and nat.loc[2026, "target_upper"] == 5.0
    prov = ref.load_provincial_gdp_targets().set_index(["admin_code", "year"])
    assert prov.loc[("650000", 2023), "target_pct"] == 7.0
    assert not prov.loc[("150000", 2021), "target_confirmed"]  # INFERRED
    assert prov.loc[("150000", 2021), "realised_confirmed"]
    assert not prov.loc[("150000", 2023), "target_confirmed"]  # NOT FOUND
    assert prov.loc[("650000", 2025), "realised_pct"] == 5.5  # the row whose URL holds commas


def _xinjiang_report_row() -> pd.DataFrame:
    rec = dict.fromkeys(INDICATOR_COLUMNS, np.nan)
    rec.update(
        doc_id="xinjiang-gwr2023",
        region="新疆维吾尔自治区",
        table="prose",
        name="地区生产总值增长",
        indicator="gdp_growth",
        unit="%",
        target_year=2023,
        target_value=7.0,
        qualifier="approx",
        line=1,
    )
    return pd.DataFrame([rec])


def test_parent_targets_documents_first_then_reference() -> None:
    sources = load_manifest()
    out = parents.parent_targets(_xinjiang_report_row(), sources, year=2023).set_index("doc_id")
    # Kizilsu and Tacheng: parent 650000, the 2023 work report in the dataset
    assert out.loc["kizilsu-fyp14", "parent_target_pct"] == 7.0
    assert out.loc["kizilsu-fyp14", "origin"] == "document"
    assert out.loc["kizilsu-fyp14", "origin_ref"] == "xinjiang-gwr2023:1"
    # Urumqi zone: parent 650100 has no target → the province, said so
    assert out.loc["urumqi-etdz-fyp14", "benchmark_relation"] == "province (grandparent)"
    # Xinjiang itself → national 5 % → amplification +2 pp
    assert out.loc["xinjiang-gwr2023", "parent_target_pct"] == 5.0
    assert out.loc["xinjiang-gwr2023", "benchmark_relation"] == "national"
    # Hure: Inner Mongolia's 2023 target was not found → no row rather than a guess
    assert "hure-fyp14" not in out.index


def test_parent_targets_all_years_use_reference_with_confirmation() -> None:
    sources = load_manifest()
    out = parents.parent_targets(_xinjiang_report_row(), sources)
    hure = out[out["doc_id"] == "hure-fyp14"].set_index("year")
    assert hure["benchmark_code"].unique().tolist() == ["150000"]
    assert hure.loc[2021, "parent_target_pct"] == 6.0 and not hure.loc[2021, "confirmed"]
    assert hure.loc[2022, "confirmed"] and hure.loc[2022, "origin"] == "reference"
    kiz = out[out["doc_id"] == "kizilsu-fyp14"].set_index("year")
    assert kiz.loc[2021, "parent_target_pct"] == 6.5 and kiz.loc[2021, "origin"] == "reference"
    assert kiz.loc[2023, "origin"] == "document"


def test_sources_frame_rejects_incomplete_input() -> None:
    with pytest.raises(ValueError, match="lack column"):
        parents.sources_frame(pd.DataFrame({"doc_id": ["x"]}))
