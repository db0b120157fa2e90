"""The region table: unique codes, parents present, every corpus and seed region in its chain."""

from __future__ import annotations

import csv

import pytest

from plantargets import paths
from plantargets.dataset.regions import NATION_CODE, load_regions, read_regions
from plantargets.errors import InputError

CORPUS = paths.RAW_DIR / "lawtext-gov"
FOLDERS = ("政府工作报告-省自治区", "政府工作报告-主要城市", "政府工作报告-其他地市")


@pytest.fixture(scope="module")
def table():
    return load_regions()


def test_codes_unique_and_six_digits():
    with open(paths.REFERENCE_DIR / "regions.csv", encoding="utf-8") as fh:
        codes = [r["code"] for r in csv.DictReader(fh)]
    assert len(codes) == len(set(codes))
    assert all(len(c) == 6 and c.isdigit() for c in codes)


def test_every_parent_exists_and_chains_end_at_the_nation(table):
    for region in table:
        chain = table.chain(region.code)
        assert chain[0].code == NATION_CODE, region
        assert chain[-1] == region
        if region.code != NATION_CODE:
            assert table.get(region.parent_code) is not None


def test_31_provincial_level_regions(table):
    provinces = [r for r in table if r.level == "province"]
    assert len(provinces) == 31
    assert {r.kind for r in provinces} == {"province", "autonomous_region", "municipality"}


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_corpus_folder_resolves(table, folder):
    names = sorted(p.name for p in (CORPUS / folder).iterdir() if p.is_dir())
    assert names, folder
    unresolved = [n for n in names if table.lookup(n) is None]
    assert unresolved == []


def test_the_44_major_cities_are_prefecture_cities_or_municipalities(table):
    names = [p.name for p in (CORPUS / "政府工作报告-主要城市").iterdir() if p.is_dir()]
    assert len(names) == 44
    kinds = {table.lookup(n).kind for n in names}
    assert kinds == {"city", "municipality"}


@pytest.mark.parametrize(
    ("name", "chain"),
    [
        ("乌鲁木齐经济技术开发区(头屯河区)", ["中国", "新疆维吾尔自治区", "乌鲁木齐市", "头屯河区"]),
        ("库伦旗", ["中国", "内蒙古自治区", "通辽市", "库伦旗"]),
        ("克州", ["中国", "新疆维吾尔自治区", "克孜勒苏柯尔克孜自治州"]),
        ("塔城地区", ["中国", "新疆维吾尔自治区", "塔城地区"]),
        ("新疆", ["中国", "新疆维吾尔自治区"]),
        ("北京市", ["中国", "北京市"]),
        ("通辽市人民政府", ["中国", "内蒙古自治区", "通辽市"]),
    ],
)
def test_seed_regions_sit_in_their_chains(table, name, chain):
    region = table.lookup(name)
    assert region is not None
    assert [r.name_zh for r in table.chain(region.code)] == chain


def test_seed_manifest_codes_agree_with_the_table(table):
    with open(paths.MANIFEST, encoding="utf-8") as fh:
        seeds = [r for r in csv.DictReader(fh) if not r["file"].startswith("lawtext-gov/")]
    assert len(seeds) == 5
    for row in seeds:
        region = table.get(row["admin_code"])
        assert region is not None, row["doc_id"]
        assert region.level == row["level"]
        assert region.parent_code == (row["parent_code"] or NATION_CODE if region.level != "province" else NATION_CODE)


def test_unknown_name_is_none(table):
    assert table.lookup("火星市") is None


def test_bad_table_names_the_line(tmp_path):
    bad = tmp_path / "regions.csv"
    bad.write_text(
        "code,name_zh,name_en,level,kind,parent_code,aliases\n000000,中国,China,national,nation,,\n65000,新疆,X,province,p,000000,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"regions.csv:3: code '65000'"):
        read_regions(bad)


def test_missing_parent_is_an_error(tmp_path):
    bad = tmp_path / "regions.csv"
    bad.write_text(
        "code,name_zh,name_en,level,kind,parent_code,aliases\n650100,乌鲁木齐市,Urumqi,prefecture,city,650000,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="parent 650000 is not in the table"):
        read_regions(bad)
