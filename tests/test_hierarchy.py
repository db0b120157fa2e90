"""Every region's chain of parents (dataset.hierarchy): the seeds sit in theirs."""

from __future__ import annotations

import pytest

from plantargets.dataset.hierarchy import HIERARCHY_COLUMNS, hierarchy_frame, parent_chain, parent_code
from plantargets.dataset.regions import load_regions
from plantargets.errors import InputError


@pytest.mark.parametrize(
    ("name", "chain"),
    [
        # 经开区 (头屯河区) → 乌鲁木齐市 → 新疆 → 中国
        ("乌鲁木齐经济技术开发区(头屯河区)", ["000000", "650000", "650100", "650106"]),
        ("库伦旗", ["000000", "150000", "150500", "150524"]),
        ("克州", ["000000", "650000", "653000"]),
        ("塔城地区", ["000000", "650000", "654200"]),
        ("中国", ["000000"]),
    ],
)
def test_seeds_sit_in_their_parent_chains(name, chain):
    region = load_regions().lookup(name)
    assert region is not None
    assert parent_chain(region.code) == chain
    assert parent_code(region.code) == (chain[-2] if len(chain) > 1 else "")


def test_an_unknown_code_is_an_error_naming_the_region_table():
    with pytest.raises(InputError, match=r"regions\.csv.*999999"):
        parent_chain("999999")


def test_hierarchy_frame_has_every_region_with_its_chain():
    table = load_regions()
    frame = hierarchy_frame(table)
    assert list(frame.columns) == HIERARCHY_COLUMNS
    assert len(frame) == len(table)
    hure = frame[frame["code"] == "150524"].iloc[0]
    assert hure["chain_names"] == "中国>内蒙古自治区>通辽市>库伦旗"
    assert (hure["depth"], hure["province_code"], hure["prefecture_code"]) == (3, "150000", "150500")
    assert set(frame.loc[frame["level"] == "province", "depth"]) == {1}
    nation = frame[frame["code"] == "000000"].iloc[0]
    assert (nation["depth"], nation["parent_code"], nation["province_code"]) == (0, "", "")
