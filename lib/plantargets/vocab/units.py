"""Units the plans print, their scale prefixes, and what each unit measures.

One owner for the unit vocabulary that reading cells, reading values, matching the
catalogue and checking consistency all rely on. The lists differ by purpose, and the
differences are written down here rather than spread over four modules:

* after a number in running text (:data:`WORD_UNITS`, :data:`ASCII_UNITS`,
  :data:`PERCENT_UNITS`) a unit must not swallow an ordinary word (2021年起, 3本…);
* a whole table cell (:data:`CELL_UNITS`) is a unit only when all of it is one, so a
  few rarer words are safe there (起, 本, ℃, TEU).
"""

from __future__ import annotations

import re
import unicodedata

# What a magnitude prefix multiplies a unit by (亿元 = 1e8 元).
SCALES: dict[str, float] = {
    "万亿": 1e12,
    "千万": 1e7,
    "百万": 1e6,
    "十万": 1e5,
    "亿": 1e8,
    "万": 1e4,
    "千": 1e3,
    "百": 1e2,
    "十": 1e1,
}
# After a number, a lone 十 is part of the numeral (三十), never a scale of the unit.
MAGNITUDES = tuple(p for p in SCALES if p != "十")
# Single-character prefixes a printed unit may start with when two units are compared
# (亿元 vs 万元); 十 is left out for the same reason as above.
PREFIX_SCALES = tuple((p, f) for p, f in SCALES.items() if len(p) == 1 and p != "十")
# Prefix characters that may repeat in front of a unit inside a cell (万千瓦, 十万人).
CELL_MAGNITUDE_CHARS = tuple(p for p in SCALES if len(p) == 1)

# Units of percentages and their differences (a change of a share is in points).
PERCENT_UNITS = ("个百分点", "百分点", "%", "‰", "‱")
# The share units: a value in these is bounded by 100 % / 1000 ‰.
SHARE_UNITS = ("%", "‰")
# Units written in Latin letters; in running text they must not continue into a word.
ASCII_UNITS = ("kWh", "kW", "MW", "GW", "kV", "km²", "km", "m²", "m³", "t", "kg")
# Units written in Chinese that may follow a number in a sentence or a cell.
WORD_UNITS = (
    "元", "美元", "欧元", "人民币", "人次", "人", "户", "个", "家", "所", "座", "张", "床", "件", "项",
    "台", "辆", "套", "间", "只", "头", "羽", "匹", "株", "条", "处", "名", "位", "篇", "部", "批", "场",
    "次", "种", "宗", "例", "栋", "公里", "千米", "米", "千瓦时", "千瓦", "兆瓦", "千伏", "伏", "度",
    "吨标准煤", "吨标煤", "吨", "公斤", "千克", "克", "微克", "毫克", "斤", "立方米", "平方公里",
    "平方米", "亩", "公顷", "标准箱", "标箱", "小时", "分钟", "天", "日", "周岁", "周", "月", "年", "岁", "倍",
    "分",
)  # fmt: skip
# Read after a number but not (yet) as a whole unit cell: adding one changes which table
# columns are taken for units, so each waits for a document that needs it.
_NOT_CELL_UNITS = frozenset(
    ("美元", "欧元", "人民币", "羽", "匹", "批", "种", "栋", "兆瓦", "千伏", "伏", "吨标准煤", "微克", "毫克",
     "标准箱", "周岁", "周", "分", "kV", "t", "kg", "个百分点", "百分点")
)  # fmt: skip
# Whole-cell units that would swallow words after a number in a sentence (2021年起, 3本书).
_CELL_ONLY_UNITS = ("万千瓦", "标准煤", "标煤", "秒", "册", "本", "棵", "艘", "架", "起", "m2", "m3", "TEU", "℃")
CELL_UNITS = (
    *(u for u in (*WORD_UNITS, *ASCII_UNITS, *PERCENT_UNITS) if u not in _NOT_CELL_UNITS),
    *_CELL_ONLY_UNITS,
)

# Units of things that cannot be negative (head counts, money stocks, tonnes, areas, years);
# matched as substrings of the printed unit.
NON_NEGATIVE_UNITS = (
    "元", "人", "个", "件", "张", "家", "所", "套", "床", "户", "座", "项", "吨", "斤", "亩", "公顷",
    "立方米", "年", "岁", "天", "千瓦",
)  # fmt: skip
MONEY_UNIT = "元"

# What a unit measures, by the first rule whose marker occurs in the normalised unit; the
# order matters (千瓦时 is electricity before 千瓦 is power, 平方 area before 方 volume).
DIMENSIONS = (
    ("index", ("=100",)),
    ("rate", ("%", "‰", "百分点", "/10万", "/万")),
    ("money", ("元",)),
    ("energy", ("标煤", "标准煤", "tce")),
    ("electricity", ("千瓦时", "kwh", "度")),
    ("power", ("千瓦", "kw")),
    ("mass", ("吨", "斤", "公斤", "kg")),
    ("volume", ("立方米", "m3", "方")),
    ("area", ("亩", "公顷", "平方", "km2")),
    ("days", ("天", "日")),
    ("time", ("分钟", "小时")),
    ("years", ("年", "岁")),
    ("persons", ("人",)),
    ("count", ("个", "件", "张", "家", "所", "套", "床", "户", "座", "项")),
)


def unit_dimension(unit: str) -> str:
    """What a printed unit measures, ignoring its scale: '万元/人' and '亿元' are both money.

    Used to pick the member of a family that a printed unit fits (a level in 亿元 versus its
    growth in %, days versus a share of days). '' when no unit is printed; an unknown unit
    is its own dimension.
    """
    u = re.sub(r"\s+", "", unicodedata.normalize("NFKC", unit or "")).lower()
    u = u.strip("()")
    if not u:
        return ""
    for dimension, markers in DIMENSIONS:
        if any(m in u for m in markers):
            return dimension
    return u
