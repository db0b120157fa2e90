"""Quality findings in the reader's language (issue 13): a code and parameters beside each message.

quality.csv keeps its English ``message``; ``code`` names the message's template(s) and
``params`` the values it states, so a Chinese report restates the finding in Chinese
(``finding.<code>`` in present/labels.csv) with the same numbers.
"""

from __future__ import annotations

import ast
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from plantargets.analysis.ambition import CONSISTENCY_CHECKS, consistency_findings
from plantargets.dataset.checks import check_impossible_value
from plantargets.present.labels import has_label
from plantargets.present.messages import finding_message, table_name
from plantargets.present.tables import styled, with_labels
from plantargets.vocab.findings import CODE_SEPARATOR, params_json

from .test_checks import DOCTORS_001, frame

ROOT = Path(__file__).resolve().parents[1]
# An English word in a Chinese sentence: three ASCII letters or more.
_ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _numbers(text: str) -> set[float]:
    return {float(n) for n in _NUMBER.findall(text.replace(",", ""))}


def _english_words(text: str, params: dict) -> list[str]:
    """English words of ``text`` that no parameter (a printed name or unit) brought in."""
    printed = " ".join(str(v) for v in params.values())
    return [w for w in _ENGLISH_WORD.findall(text) if w not in printed]


def test_a_finding_carries_its_template_code_and_values():
    # 001:195 prints 每千人口执业(助理)医师人数 | 人 | 1432 | 1694: head counts in a per-1000 row.
    out = check_impossible_value(frame(DOCTORS_001))
    assert list(out["code"]) == ["impossible_value.ratio"]
    params = json.loads(out.loc[0, "params"])
    assert params["values"] == [[1432, 2020], [1694, 2025]] and params["denominator"] == 1000
    assert "1432 (2020) and 1694 (2025)" in out.loc[0, "message"]  # the saved English message is kept


def test_the_message_reads_in_chinese_with_the_same_numbers():
    out = check_impossible_value(frame(DOCTORS_001))
    zh = finding_message(out.loc[0, "code"], out.loc[0, "params"], "zh")
    en = finding_message(out.loc[0, "code"], out.loc[0, "params"], "en")
    assert "每1000人的比率" in zh and "1432(2020年)" in zh and "1694(2025年)" in zh
    assert not _english_words(zh, json.loads(out.loc[0, "params"]))
    assert "ratio per 1000 people" in en and _numbers(out.loc[0, "message"]) <= _numbers(en)


def test_no_parameters_read_as_the_empty_json_object():
    """``params_json`` answers '{}' without ``json.dumps`` for no parameters: the same text, and the
    parameters of a finding that has some still go through it."""
    empty = json.dumps({}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert params_json(None) == params_json({}) == empty
    assert params_json({"b": 1, "a": "万"}) == '{"a":"万","b":1}'


def test_table_codes_read_as_table_names():
    assert table_name("fyp12_review", "zh") == "“十二五”完成情况表"
    assert table_name("other:line 216", "zh") == "第216行处的表格"
    assert table_name("other:line 216", "en") == "the table at line 216"


def _check_renderings(quality: pd.DataFrame) -> None:
    """Every finding renders in both languages; the consistency findings state the message's numbers."""
    for code in sorted(set(quality["code"])):
        for part in code.split(CODE_SEPARATOR):
            assert has_label(f"finding.{part}"), f"no template finding.{part} in labels.csv"
    shown = quality.drop_duplicates("code") if len(quality) > 2000 else quality
    consistency = quality[quality["check"].isin(CONSISTENCY_CHECKS)]
    for rec in pd.concat([shown, consistency]).drop_duplicates().to_dict("records"):
        params = json.loads(rec["params"])
        zh = finding_message(rec["code"], rec["params"], "zh")
        en = finding_message(rec["code"], rec["params"], "en")
        assert not _english_words(zh, params), (rec["code"], zh)
        if rec["check"] in CONSISTENCY_CHECKS and rec["check"] != "unreadable_value":
            # The restated message states every number of the saved one (2.30 == 2.3).
            missing = _numbers(rec["message"]) - _numbers(en) - _numbers(zh)
            assert not missing, (rec["message"], en)


def test_every_finding_of_the_seed_documents_renders_in_both_languages(bundled):
    data, _ = bundled
    assert set(data.quality["check"]) & set(CONSISTENCY_CHECKS)
    _check_renderings(data.quality)


@pytest.mark.slow
def test_every_code_emitted_on_the_corpus_has_templates(corpus_data) -> None:
    """Every finding code the whole corpus emits renders in both languages (built when missing)."""
    quality = pd.read_csv(ROOT / "data" / "processed" / "quality.csv", dtype=str, keep_default_na=False)
    _check_renderings(quality)


def test_a_chinese_findings_table_has_no_english(bundled):
    """The consistency-findings table of the zh reports (notebooks 02 and 04), as rendered."""
    from plantargets.analysis.loading import sources_table

    data, _ = bundled
    findings = with_labels(consistency_findings(data.quality), sources_table(), "zh")
    assert len(findings) > 3
    html = styled(findings, "zh", columns=["region", "source", "check", "severity", "name", "message"]).to_html()
    cells = pd.read_html(io.StringIO(html))[0]
    for col in cells.columns:
        if col in ("来源", "指标名称", "名称") or cells[col].astype(str).str.contains(r"\.txt:\d+").any():
            continue  # file:line references and the names as printed
        words = [w for v in cells[col].astype(str) for w in _ENGLISH_WORD.findall(v)]
        printed = " ".join(findings["name"].astype(str)) + " ".join(findings["params"].astype(str))
        assert not [w for w in words if w not in printed], (col, words[:5])
    assert "说明" in cells.columns  # the message column's header


# Where each finding-making function takes its check name (0-based positional index); a check is
# its message's template code unless the call passes a ``code`` (then the code names it).
_CHECK_ARG = {"finding": 3, "quality_record": 2, "row_finding": 1, "_row_finding": 3, "_finding": 1}
# Where a builder takes the finding's wording: a message, or Wording(message, code, params).
_SAID_ARG = {"row_finding": 3, "quality_record": 3, "_row_finding": 4}


def _code_of(node: ast.Call, name: str) -> ast.expr | None:
    """The expression a finding-making call gives as its template code, None when it gives none."""
    code = next((k.value for k in node.keywords if k.arg == "code"), None)
    said = node.args[_SAID_ARG[name]] if len(node.args) > _SAID_ARG.get(name, 99) else None
    if isinstance(said, ast.Call) and getattr(said.func, "id", "") == "Wording":
        code = said.args[1] if len(said.args) > 1 else next((k.value for k in said.keywords if k.arg == "code"), None)
    return code


def _emitted_codes() -> tuple[set[str], set[str]]:
    """(codes a check emits as its own template, checks whose call passes a computed code), read
    from every finding-making call of the library with a literal check name."""
    own: set[str] = set()
    computed: set[str] = set()
    for path in sorted((ROOT / "lib" / "plantargets").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in _CHECK_ARG or len(node.args) <= _CHECK_ARG[name]:
                continue
            check = node.args[_CHECK_ARG[name]]
            if not (isinstance(check, ast.Constant) and isinstance(check.value, str) and check.value):
                continue
            code = _code_of(node, name)
            if code is None or (isinstance(code, ast.Constant) and not code.value):
                own.add(check.value)
            elif isinstance(code, ast.Constant):
                own.add(code.value)
            else:
                computed.add(check.value)
    return own, computed


def test_every_code_the_checks_can_emit_has_zh_and_en_templates():
    """A code without a template raised KeyError in a report (reference_disagreement had none);
    a computed code (impossible_value.share) needs templates under its check's name."""
    from plantargets.present.labels import label_keys

    own, computed = _emitted_codes()
    assert {"document", "image_missing", "reference_disagreement", "cumulative_as_rate"} <= own
    assert {"impossible_value", "seq_anomaly", "growth_consistency"} <= computed
    assert not sorted(c for c in own if not has_label(f"finding.{c}"))
    assert not sorted(c for c in computed if not label_keys(f"finding.{c}."))


def test_a_reference_disagreement_reads_in_chinese_with_its_numbers():
    """The finding of tests/test_reference_check.py restated from its code and parameters."""
    from plantargets.dataset.reference_check import reference_findings

    from .test_reference_check import _frame, _row, _sources

    # As tests/test_reference_check.py: the 2022 State Council report (5.5%左右 in the reference
    # table, data/reference/national_annual_gdp_targets.csv) with a made-up 6% on its line 62.
    (f,) = reference_findings(_frame([_row("gwr-000000-2022", 6.0, "approx", 2022, 62)]), _sources())
    zh = finding_message(f["code"], f["params"], "zh")
    en = finding_message(f["code"], f["params"], "en")
    assert not _english_words(zh, json.loads(f["params"]))
    assert _numbers(f["message"]) <= _numbers(en) | {float(json.loads(f["params"])["year"])}
    assert "第62行" in zh and "经济增长目标为6%(左右)" in zh and "5.5%(左右)" in zh
