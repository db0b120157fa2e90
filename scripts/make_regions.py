"""Regenerate data/reference/regions.csv from the GB/T 2260 codes shipped by the ``cpca`` package.

Usage (cpca is not a runtime dependency; its data file is read once, here):

    pip download --no-deps -d /tmp/cpca cpca==0.5.5 && unzip -o -q /tmp/cpca/*.whl -d /tmp/cpca
    python scripts/make_regions.py /tmp/cpca/cpca/resources/adcodes.csv

Which regions: the nation, every provincial-level region, and every region the corpus
folders (data/raw/lawtext-gov/政府工作报告-*) and the seed documents name. Codes and Chinese
names come from cpca's ``adcodes.csv`` (12-digit codes whose first six digits are GB/T 2260);
the English names and aliases below are conventional forms kept by hand. The parent of a
region follows the structure of the code (GB/T 2260: PPCCXX -> PPCC00 -> PP0000); the nation
has no GB/T 2260 code and is written 000000 by this project's convention.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "reference" / "regions.csv"
CORPUS = ROOT / "data" / "raw" / "lawtext-gov"
FOLDERS = ("政府工作报告-省自治区", "政府工作报告-主要城市", "政府工作报告-其他地市")
# Regions the seed documents name that no corpus folder does (data/raw/sources.csv).
SEED_REGIONS = ("克孜勒苏柯尔克孜自治州", "塔城地区", "头屯河区", "库伦旗")
NATION = ("000000", "中国", "China", "national", "nation", "", "中华人民共和国;全国;国务院")

ENGLISH = {
    "北京市": "Beijing",
    "天津市": "Tianjin",
    "河北省": "Hebei Province",
    "山西省": "Shanxi Province",
    "内蒙古自治区": "Inner Mongolia Autonomous Region",
    "辽宁省": "Liaoning Province",
    "吉林省": "Jilin Province",
    "黑龙江省": "Heilongjiang Province",
    "上海市": "Shanghai",
    "江苏省": "Jiangsu Province",
    "浙江省": "Zhejiang Province",
    "安徽省": "Anhui Province",
    "福建省": "Fujian Province",
    "江西省": "Jiangxi Province",
    "山东省": "Shandong Province",
    "河南省": "Henan Province",
    "湖北省": "Hubei Province",
    "湖南省": "Hunan Province",
    "广东省": "Guangdong Province",
    "广西壮族自治区": "Guangxi Zhuang Autonomous Region",
    "海南省": "Hainan Province",
    "重庆市": "Chongqing",
    "四川省": "Sichuan Province",
    "贵州省": "Guizhou Province",
    "云南省": "Yunnan Province",
    "西藏自治区": "Tibet (Xizang) Autonomous Region",
    "陕西省": "Shaanxi Province",
    "甘肃省": "Gansu Province",
    "青海省": "Qinghai Province",
    "宁夏回族自治区": "Ningxia Hui Autonomous Region",
    "新疆维吾尔自治区": "Xinjiang Uygur Autonomous Region",
    "东莞市": "Dongguan",
    "乌鲁木齐市": "Urumqi",
    "佛山市": "Foshan",
    "兰州市": "Lanzhou",
    "南京市": "Nanjing",
    "南宁市": "Nanning",
    "南昌市": "Nanchang",
    "厦门市": "Xiamen",
    "合肥市": "Hefei",
    "呼和浩特市": "Hohhot",
    "哈尔滨市": "Harbin",
    "唐山市": "Tangshan",
    "大连市": "Dalian",
    "太原市": "Taiyuan",
    "宁波市": "Ningbo",
    "广州市": "Guangzhou",
    "成都市": "Chengdu",
    "拉萨市": "Lhasa",
    "无锡市": "Wuxi",
    "昆明市": "Kunming",
    "杭州市": "Hangzhou",
    "武汉市": "Wuhan",
    "沈阳市": "Shenyang",
    "泉州市": "Quanzhou",
    "济南市": "Jinan",
    "海口市": "Haikou",
    "深圳市": "Shenzhen",
    "温州市": "Wenzhou",
    "烟台市": "Yantai",
    "石家庄市": "Shijiazhuang",
    "福州市": "Fuzhou",
    "苏州市": "Suzhou",
    "西宁市": "Xining",
    "西安市": "Xi'an",
    "贵阳市": "Guiyang",
    "郑州市": "Zhengzhou",
    "银川市": "Yinchuan",
    "长春市": "Changchun",
    "长沙市": "Changsha",
    "青岛市": "Qingdao",
    "乌兰察布市": "Ulanqab",
    "乌海市": "Wuhai",
    "伊犁哈萨克自治州": "Ili Kazakh Autonomous Prefecture",
    "克孜勒苏柯尔克孜自治州": "Kizilsu Kirghiz Autonomous Prefecture",
    "克拉玛依市": "Karamay",
    "包头市": "Baotou",
    "博尔塔拉蒙古自治州": "Bortala Mongol Autonomous Prefecture",
    "吐鲁番市": "Turpan",
    "呼伦贝尔市": "Hulunbuir",
    "哈密市": "Hami (Kumul)",
    "巴彦淖尔市": "Bayannur",
    "巴音郭楞蒙古自治州": "Bayingolin Mongol Autonomous Prefecture",
    "昌吉回族自治州": "Changji Hui Autonomous Prefecture",
    "赤峰市": "Chifeng",
    "通辽市": "Tongliao",
    "鄂尔多斯市": "Ordos",
    "塔城地区": "Tacheng Prefecture",
    "头屯河区": "Toutunhe District (Urumqi Economic and Technological Development Zone)",
    "库伦旗": "Hure (Kulun) Banner",
}
# Aliases beyond the suffix-stripped short name: abbreviations used in titles and text.
ALIASES = {
    "克孜勒苏柯尔克孜自治州": "克州",
    "伊犁哈萨克自治州": "伊犁州",
    "博尔塔拉蒙古自治州": "博州",
    "巴音郭楞蒙古自治州": "巴州",
    "昌吉回族自治州": "昌吉州",
    "西藏自治区": "西藏",
    # GB/T 2260 has no code for development zones; this one is run as one body with
    # 头屯河区 (区政合一), so the zone takes the district's code.
    "头屯河区": "乌鲁木齐经济技术开发区;乌鲁木齐经济技术开发区(头屯河区);乌鲁木齐经开区",
    "库伦旗": "库伦",
}
SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市", "地区")
MUNICIPALITIES = ("110000", "120000", "310000", "500000")


def kind_of(code: str, name: str) -> str:
    """The kind of region within its level, from GB/T 2260 naming."""
    if code.endswith("0000"):
        if code in MUNICIPALITIES:
            return "municipality"
        return "autonomous_region" if name.endswith("自治区") else "province"
    if code.endswith("00"):
        if name.endswith("自治州"):
            return "autonomous_prefecture"
        return "prefecture" if name.endswith("地区") else "city"
    return {"区": "district", "旗": "banner", "县": "county", "市": "county_city"}.get(name[-1], "county")


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "prefecture" if code.endswith("00") else "county"


def parent_of(code: str) -> str:
    if code.endswith("0000"):
        return NATION[0]
    if code.endswith("00") or code[:2] + "0000" in MUNICIPALITIES:
        return code[:2] + "0000"
    return code[:4] + "00"


def short_name(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return ""


def main(adcodes: Path) -> None:
    with open(adcodes, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_name: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for r in rows:
        code = r["adcode"][:6]
        names[code] = r["name"]
        by_name.setdefault(r["name"], []).append(code)
    # The 31 provincial-level regions of the mainland (Taiwan, Hong Kong and Macao: no plans here).
    wanted = {c for c in names if c.endswith("0000") and c[:2] not in ("71", "81", "82")}
    for folder in FOLDERS:
        for name in sorted(p.name for p in (CORPUS / folder).iterdir() if p.is_dir()):
            codes = by_name.get(name, [])
            if len(codes) != 1:
                sys.exit(f"{folder}/{name}: {len(codes)} codes in {adcodes}")
            wanted.add(codes[0])
    for name in SEED_REGIONS:
        wanted.add(by_name[name][0])
    wanted |= {parent_of(c) for c in list(wanted)} - {NATION[0]}
    out = [NATION]
    for code in sorted(wanted):
        name = names[code]
        aliases = [a for a in (short_name(name), *ALIASES.get(name, "").split(";")) if a]
        out.append((code, name, ENGLISH[name], level_of(code), kind_of(code, name), parent_of(code), ";".join(aliases)))
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("code", "name_zh", "name_en", "level", "kind", "parent_code", "aliases"))
        w.writerows(out)
    digest = hashlib.sha256(adcodes.read_bytes()).hexdigest()
    print(f"wrote {len(out)} regions to {OUT} from {adcodes} (sha256 {digest})")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
