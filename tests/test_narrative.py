"""The words of a report: in the report's language, stating findings, not citing code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from plantargets.analysis.panel import REAL_STATED
from plantargets.errors import InputError
from plantargets.present import findings, narrative
from plantargets.present.labels import read_texts
from plantargets.vocab.comparability import AS_STATED

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# A library reference in prose: a module path (metrics.growth_panel), a call, or a code span.
CODE_REF_RE = re.compile(r"`[^`]*`|\b[a-z_]+\.[a-z_]+\(|\b(?:metrics|analysis|parents|reference|nb)\.[a-z_]+")
# Four English words in a row inside a Chinese text: the zh report would read English there.
ENGLISH_RUN_RE = re.compile(r"(?:\b[A-Za-z]{2,}\b[ ,;:]+){3}\b[A-Za-z]{2,}\b")
SOURCES = pd.DataFrame(
    {
        "doc_id": ["u", "h"],
        "file": ["001_92a7ba0c77b212ac.txt", "003_3e4f07611e85fb5a.txt"],
        "region_zh": ["乌鲁木齐经济技术开发区", "库伦旗"],
        "region_en": ["Urumqi ETDZ", "Hure Banner"],
        "doc_type": ["fyp_outline", "fyp_outline"],
        "period": ["2021-2025", "2021-2025"],
        "report_year": [None, None],
    }
)


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_have_no_hard_coded_narrative(path: Path) -> None:
    """Every text a reader sees comes from narrative.csv in the report's language; a markdown
    cell (the old notebooks' English blocks) would show English in the zh report."""
    assert [i for i, c in enumerate(_cells(path)) if c["cell_type"] == "markdown"] == []
    code = "".join("".join(c["source"]) for c in _cells(path))
    assert "nb.intro(" in code and "nb.show_appendix(lang)" in code
    assert not re.search(r"Markdown\(f?[\"'][A-Z]", code), "English text built in a code cell"


def test_every_notebook_section_has_zh_and_en_text() -> None:
    keys = set()
    for path in NOTEBOOKS:
        code = "".join("".join(c["source"]) for c in _cells(path))
        keys |= {f"{k}.title" for k in re.findall(r'nb\.section\(\s*"([^"]+)"', code)}
        keys |= {f"{k}.about" for k in re.findall(r'nb\.intro\(\s*"([^"]+)"', code)}
    assert keys and all(narrative.has_text(k) for k in keys), sorted(k for k in keys if not narrative.has_text(k))
    for key in keys:
        assert narrative.text(key, "zh") != narrative.text(key, "en")


def test_zh_narrative_is_chinese_and_cites_no_code() -> None:
    texts = read_texts(narrative.NARRATIVE_FILE)
    for key, by_lang in texts.items():
        assert not ENGLISH_RUN_RE.search(by_lang["zh"]), f"{key}: English in the zh text: {by_lang['zh'][:80]}"
        for lang, body in by_lang.items():
            assert not CODE_REF_RE.search(body), f"{key} ({lang}) cites code: {CODE_REF_RE.search(body)}"


def test_answers_for_every_notebook() -> None:
    for path in NOTEBOOKS:
        got = narrative.answers(path.stem)
        assert set(got) == {"zh", "en"} and got["zh"].endswith("?"), path.stem


def test_a_text_with_an_unquoted_comma_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "texts.csv"
    bad.write_text("key,zh,en\nok,好,fine\nsplit,甲,乙,and the English\n", encoding="utf-8")
    with pytest.raises(InputError, match="more than 2 texts") as err:
        read_texts(bad)
    assert "texts.csv" in str(err.value) and ":3" in str(err.value)


def _panel() -> pd.DataFrame:
    # Urumqi ETDZ GDP: 13th-plan 6.6 %/yr (001_92a7ba0c77b212ac.txt:94 "地区生产总值 | 亿元 | 413 | 590 | 6.6"),
    # 14th-plan target 9.5 % (001:174); Hure GDP: past 6.82 (003_3e4f07611e85fb5a.txt:7 "年均实际增长6.82%"), target "6左右" (003:60).
    return pd.DataFrame(
        {
            "doc_id": ["u", "h"],
            "series": ["gdp", "gdp"],
            "measure": ["growth_pct", "growth_pct"],
            "past_growth": [6.6, 6.82],
            "target_growth": [9.5, 6.0],
            "excluded": [False, False],
            # Only Hure's past rate says 实际 (003:7); no price basis is printed for the others.
            "past_price_basis": [AS_STATED, REAL_STATED],
            "target_price_basis": [AS_STATED, AS_STATED],
        }
    )


def test_key_findings_state_the_numbers_in_each_language() -> None:
    zh = findings.targets_vs_past(_panel(), SOURCES, "zh")
    en = findings.targets_vs_past(_panel(), SOURCES, "en")
    assert "2组" in zh[0] and "1组目标高于过去" in zh[0]
    assert "乌鲁木齐经济技术开发区" in zh[1] and "6.6%升至9.5%" in zh[1]
    assert "faster than before: 1; slower: 1" in en[0] and "Urumqi ETDZ" in en[1]
    assert findings.gdp_range(_panel(), SOURCES, "en") == [
        "GDP growth targets range from 6 % (Hure Banner) to 9.5 % (Urumqi ETDZ)."
    ]


def test_no_pair_says_so_instead_of_inventing_one() -> None:
    panel = _panel().assign(past_growth=float("nan"))
    assert findings.targets_vs_past(panel, SOURCES, "en") == [narrative.text("growth.f.no_pairs", "en")]


def test_findings_count_by_severity() -> None:
    table = pd.DataFrame({"severity": ["warning", "error", "warning"]})
    assert findings.findings_count(table, "en") == [
        "Problems found by the consistency checks: 3 (errors 1, warnings 2)."
    ]
    assert "错误 1" in findings.findings_count(table, "zh")[0]
    assert findings.findings_count(table.iloc[:0], "en") == [narrative.text("profile.f.no_findings", "en")]


def test_section_markdown_has_heading_text_and_finding() -> None:
    md = narrative.section_markdown("growth.targets", "zh", ["甲。"])
    assert md.startswith("## 1. 目标与过去增速") and md.endswith("**甲。**")
    intro = narrative.intro_markdown("profile", "en", ["x"], region="Tacheng")
    assert intro.startswith("# Region profile: Tacheng") and "- x" in intro


def _gdp_gaps() -> pd.DataFrame:
    # Hure: 14th-plan GDP growth "6左右" (003_3e4f07611e85fb5a.txt:60 "地区生产总值增长 | 亿元 | 54 | 72.26 | 6左右");
    # its parent Tongliao's 2021 target "地区生产总值增长7%左右" (lawtext-gov/政府工作报告-其他地市/通辽市/2021.md:47);
    # the ETDZ: 9.5 (001_92a7ba0c77b212ac.txt:174) against Urumqi's 9.0 (gwr-650100-2021:166, built gdp_hierarchy.csv).
    return pd.DataFrame(
        {
            "doc_id": ["h", "u"],
            "series": ["gdp", "gdp"],
            "target_growth": [6.0, 9.5],
            "parent": [7.0, 9.0],
            "gap_parent": [-1.0, 0.5],
        }
    )


def test_a_target_below_its_parent_reads_below_not_minus_above() -> None:
    """Hure's 6 % against Tongliao's 7 % read '高出-1个百分点' / '-1 pp higher'."""
    zh = findings.parent_gaps(_gdp_gaps(), SOURCES, "zh")
    en = findings.parent_gaps(_gdp_gaps(), SOURCES, "en")
    assert zh[0].endswith("高出0.5个百分点。") and zh[1].endswith("低1个百分点。")
    assert en[0].endswith("9 %: 0.5 pp above.") and en[1].endswith("7 %: 1 pp below.")
    assert not any("-" in s for s in zh + en)
    same = findings.parent_gaps(_gdp_gaps().assign(parent=[6.0, 9.5], gap_parent=[0.0, 0.0]), SOURCES, "zh")
    assert same[0] == "库伦旗的GDP增长目标为6%,与上级目标持平。"


def test_counts_in_findings_use_one_formatter() -> None:
    """1448 findings read 1,448 in English; Chinese prints counts without a separator, as the
    statistical communiqués do (e.g. 国家统计局's "城镇新增就业1244万人")."""
    table = pd.DataFrame({"severity": ["warning"] * 1447 + ["error"]})
    assert findings.findings_count(table, "en") == [
        "Problems found by the consistency checks: 1,448 (errors 1, warnings 1,447)."
    ]
    assert findings.findings_count(table, "zh") == ["一致性检查共发现1448处问题:错误 1,警告 1447。"]
    assert narrative.count_text(1448, "en") == "1,448" and narrative.count_text(1448, "zh") == "1448"


def test_panel_findings_counts_use_the_same_formatter() -> None:
    from plantargets.present import panel_findings

    f = {"n": 1448, "mean": {"province": 0.5}, "above": {"province": 60.0}, "above_all": 61.25}
    assert panel_findings.hierarchy_text(f, "en")[0].startswith("1,448 targets")
    assert panel_findings.hierarchy_text(f, "zh")[0].startswith("1448个目标")
    assert "(all levels 61.2 %)" in panel_findings.hierarchy_text(f, "en")[2]


def test_a_falling_tertiary_share_reads_fell_not_changed_by_minus() -> None:
    """Kizilsu's tertiary share 60.9 (2015) → 60.6 (2020) (000_8b2e86d28166808b.txt:13) is -0.06 pp a
    year; Urumqi ETDZ's 55.0 → 62.0 (001_92a7ba0c77b212ac.txt:85) +1.4. It read "changed by -0.06"."""
    from plantargets.present.sector_findings import pace_finding

    pace = pd.DataFrame(
        {
            "doc_id": ["k", "u", "national"],
            "region": ["克孜勒苏柯尔克孜自治州", "乌鲁木齐经济技术开发区", "全国"],
            "past_pp": [(60.6 - 60.9) / 5, (62.0 - 55.0) / 5, 1.0],
            "required_pp": [None, None, None],
        }
    )
    zh = pace_finding(pace, "zh")
    assert zh[0] == "克孜勒苏柯尔克孜自治州的第三产业比重在2015–2020年每年下降0.06个百分点。"
    assert zh[1] == "乌鲁木齐经济技术开发区的第三产业比重在2015–2020年每年上升1.4个百分点。"
    en = pace_finding(pace.assign(region=["Kizilsu", "Urumqi ETDZ", "National"]), "en")
    assert en[0] == "Kizilsu's tertiary share fell by 0.06 pp a year in 2015–2020."
