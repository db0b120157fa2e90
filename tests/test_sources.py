"""Every number's origin as file:line, and an appendix that quotes those lines."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from plantargets.present import sources as s
from plantargets.present import tables as p

from .conftest import ROOT

RAW = ROOT / "data" / "raw"
ETDZ = "001_92a7ba0c77b212ac.txt"
SOURCES = pd.DataFrame(
    {
        "doc_id": ["u"],
        "file": [ETDZ],
        "region_zh": ["乌鲁木齐经济技术开发区(头屯河区)"],
        "region_en": ["Urumqi ETDZ"],
        "doc_type": ["fyp_outline"],
        "period": ["2021-2025"],
        "report_year": [None],
    }
)


@pytest.fixture(autouse=True)
def _fresh() -> None:
    s.forget()


def test_table_references_become_file_line() -> None:
    df = pd.DataFrame({"doc_id": ["u", "u"], "target_source": ["fyp14_main:174", f"{ETDZ}:94"], "v": [9.5, 6.6]})
    out = p.with_labels(df, SOURCES, "en")
    assert out["target_source"].tolist() == [f"{ETDZ}:174", f"{ETDZ}:94"]


def test_styled_shows_every_source_column_and_records_it() -> None:
    """A table of numbers never hides where they come from, even when the caller forgot the column."""
    df = pd.DataFrame({"region": ["甲"], "target_growth": [9.5], "target_source": [f"{ETDZ}:174"]})
    html = p.styled(df, "zh", columns=["region", "target_growth"]).to_html()
    assert "目标出处" in html and f"{ETDZ}:174" in html
    assert s.cited() == {f"{ETDZ}:174": {"9.5"}}


def test_appendix_quotes_each_cited_line(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(
        "第一行\n经济 发展 | 1 | 地区生产总值 | 亿元 | 590 | 929 | 9.5 | <预期性> |\n", encoding="utf-8"
    )
    s.cite(pd.DataFrame({"source": ["a.txt:2", "a.txt:9"], "v": [9.5, 1.0]}))
    html = s.appendix("zh", raw_dir=raw)
    assert "<h2>资料来源原文</h2>" in html
    assert (
        "<code>a.txt:2</code></p><blockquote>经济 发展 | 1 | 地区生产总值 | 亿元 | 590 | 929 | 9.5 | &lt;预期性&gt; |"
        in html
    )
    assert "a.txt:9: the file has 2 lines" in html  # a broken reference is shown, not dropped


def test_a_long_paragraph_is_quoted_around_the_cited_number(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "p.txt").write_text("甲" * 600 + "年均增长6.82%" + "乙" * 600 + "\n", encoding="utf-8")
    text = s.quote("p.txt", 1, {"6.82"}, raw_dir=raw)
    assert "年均增长6.82%" in text and text.startswith("…") and text.endswith("…")
    assert len(text) <= s.QUOTE_CHARS + 2


@pytest.mark.skipif(not (RAW / ETDZ).is_file(), reason="the seed documents are not in data/raw")
def test_the_etdz_structure_line_is_quoted() -> None:
    # 001_92a7ba0c77b212ac.txt:85: "三次产业结构由2015年的1.6:43.5:55调整为2020年的1:37:62" (the review paragraph).
    assert "2015年的1.6:43.5:55调整为2020年的1:37:62" in s.quote(ETDZ, 85, {"55"})


def test_a_row_printed_one_cell_a_line_is_quoted_down_to_its_number(tmp_path: Path) -> None:
    # The layout of 000_8b2e86d28166808b.txt:58-60 (Kizilsu's main table): name, unit, value on separate lines.
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "k.txt").write_text("经 济 发展 |\n1.地区生产总值增长 |\n% |\n4.1 |\n— |\n", encoding="utf-8")
    assert s.quote("k.txt", 2, {"4.1"}, raw_dir=raw) == "1.地区生产总值增长 | % | 4.1 |"
    assert s.quote("k.txt", 2, {"99"}, raw_dir=raw) == "1.地区生产总值增长 |"  # no number nearby: the line alone


def test_a_reference_table_row_is_cited_by_its_line() -> None:
    # data/reference/national_fyp14_main_indicators.csv:2 is seq 1, 国内生产总值(GDP)增长 (the header is line 1).
    df = pd.DataFrame({"seq": [1, 3], "name": ["国内生产总值(GDP)增长", "常住人口城镇化率"]})
    out = s.reference_sources(df, "national_fyp14_main_indicators.csv")
    assert out["source"].tolist() == ["national_fyp14_main_indicators.csv:2", "national_fyp14_main_indicators.csv:4"]
    assert "国内生产总值(GDP)增长" in s.quote("national_fyp14_main_indicators.csv", 2)
