"""The prose readers' word patterns are data (vocab/patterns.toml), compiled once and read by name."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from plantargets import paths
from plantargets.extract import prose_words, statement_words, workreport
from plantargets.vocab.patterns import CONTEXT_WORDS, NAME_WORDS, PROSE_WORDS, REPORT_WORDS, load_patterns

TABLES = {
    "REPORT_WORDS": REPORT_WORDS,
    "CONTEXT_WORDS": CONTEXT_WORDS,
    "PROSE_WORDS": PROSE_WORDS,
    "NAME_WORDS": NAME_WORDS,
}


def test_every_name_the_library_reads_is_in_its_table() -> None:
    """``REPORT_WORDS.X`` is checked by no type checker: a misspelt or removed name must fail here."""
    used: list[tuple[str, str, str]] = []
    for path in Path(paths.PACKAGE_DIR).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in TABLES:
                used.append((path.name, node.value.id, node.attr))
    assert len(used) > 60  # the readers do read them
    missing = [u for u in used if u[2] not in TABLES[u[1]].names() and u[2] != "names"]
    assert missing == []


def test_a_list_value_is_one_pattern_joined_without_separator() -> None:
    # TRIGGER is written as a list of alternatives; a line of a report must match across the parts.
    assert REPORT_WORDS.TRIGGER.search("今年经济社会发展的主要预期目标是：")
    assert REPORT_WORDS.TRIGGER.search("以下主要约束性指标：")  # the list's sixth part
    assert CONTEXT_WORDS.YEAR_TITLE.search("政府工作报告（2008年）").group(2) == "2008"


def test_an_unknown_name_fails_and_a_bad_pattern_names_the_file_and_table(tmp_path: Path) -> None:
    with pytest.raises(AttributeError, match="NOPE"):
        PROSE_WORDS.NOPE  # noqa: B018
    bad = tmp_path / "bad.toml"
    bad.write_text("[report]\nOPEN = '(?:今年'\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.toml \[report\] OPEN: not a regular expression"):
        load_patterns(bad)


def test_patterns_are_plain_compiled_expressions() -> None:
    assert isinstance(PROSE_WORDS.YEAR, re.Pattern)
    assert PROSE_WORDS.YEAR.search("到2025 年").group(1) == "2025"
    assert REPORT_WORDS.YEAR.search("2020年代") is None  # a decade is no year


def _top_level_branches(pattern: str) -> list[str]:
    """The alternatives of a pattern at depth 0 (escapes and character classes respected)."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*out, pattern[start:]]


def test_every_trigger_alternative_requires_a_target_word() -> None:
    # workreport._targets_opening skips the (long) TRIGGER search on a paragraph without 目标 or 指标:
    # that is only right while every alternative requires one of them outside an optional group.
    optional = re.compile(r"\((?:\?:)?[^()]*\)[?*]")
    branches = _top_level_branches(REPORT_WORDS.TRIGGER.pattern)
    assert len(branches) > 10
    for branch in branches:
        required = branch
        while optional.search(required):
            required = optional.sub("", required)
        assert re.search(r"目标|指标", required), branch
    assert _top_level_branches("a(?:b|c)|[|]d") == ["a(?:b|c)", "[|]d"]


def test_no_trigger_alternative_starts_further_than_the_lead_before_its_target_word() -> None:
    # workreport._targets_opening searches TRIGGER from TRIGGER_LEAD characters before the paragraph's
    # first 目标/指标: right only while no alternative prints more before its first, required, one, and
    # while none looks behind (a lookbehind or \\b would read the text before the search's start).
    pattern = REPORT_WORDS.TRIGGER.pattern
    assert "(?<" not in pattern and "\\b" not in pattern and not re.search(r"(?<!\[)\^", pattern)
    for branch in _top_level_branches(pattern):
        word = re.search(r"\(\?:(?:目标\|指标|指标\|目标)\)(?![?*])|目标|指标", branch)
        assert word, branch
        lead = branch[: word.start()]
        assert lead.count("(") == lead.count(")"), branch  # the word is required, not in an optional group
        assert re._parser.parse(lead).getwidth()[1] <= workreport.TRIGGER_LEAD, branch  # type: ignore[attr-defined]
    found = workreport._targets_opening("综合考虑各方面因素，预期实现的经济社会发展调控指标是：", 2020, False)
    assert found and found.group(0) == "预期实现的经济社会发展调控指标是"


def test_every_look_ahead_alternative_holds_a_cue() -> None:
    # workreport._looks_ahead searches LOOK_AHEAD only in a sentence with a LOOK_AHEAD_CUES word.
    optional = re.compile(r"\((?:\?:)?[^()]*\)[?*]")
    branches = _top_level_branches(REPORT_WORDS.LOOK_AHEAD.pattern)
    assert len(branches) >= 4
    for branch in branches:
        required = branch
        while optional.search(required):
            required = optional.sub("", required)
        assert workreport.LOOK_AHEAD_CUES.search(required), branch
    assert workreport._looks_ahead("把居民消费价格涨幅控制在3.5%左右")
    assert not workreport._looks_ahead("去年居民消费价格涨幅回落到2.6%")


def test_every_set_words_alternative_ends_in_wei() -> None:
    # report_sentences._read_year_target_set searches SET_WORDS only in a sentence holding 为.
    branches = _top_level_branches(REPORT_WORDS.SET_WORDS.pattern)
    assert len(branches) >= 2
    assert all(branch.endswith("为") for branch in branches), branches


@pytest.mark.parametrize(
    ("subject", "name"),
    [
        ("今年全市地区生产总值", "地区生产总值"),  # shared: 今年, 全市
        ("2025年我省城镇化率", "城镇化率"),  # shared: a year, 我省
        ("其中初步核算第三产业增加值", "第三产业增加值"),  # shared: 其中, 初步核算
    ],
)
def test_both_readers_drop_the_shared_name_noise(subject: str, name: str) -> None:
    """The words both readers cut from a name's front are one list (NAME_WORDS.NOISE), read by both."""
    assert prose_words.clean_subject(subject) == name
    assert statement_words.NOISE.sub("", subject) == name
