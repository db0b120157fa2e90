"""Clauses read as *indicator + verb + value*: the grammar of a work report's figures.

``地区生产总值增长5%左右``, ``城镇调查失业率控制在5.5%以内``, ``国内生产总值超过126万亿元``,
``城镇和农村居民人均可支配收入分别增长5%、6.5%左右``, ``居民收入增长和经济增长同步``: a
clause (text between ``，`` or ``；``) names an indicator, then a verb, then a value read by the
shared value grammar (``values.find_number_spans``: ranges, 左右/以上/以内). A clause without
its own indicator continues the previous one (``增长5.2%`` after ``国内生产总值超过126万亿元``,
``力争8%`` after ``增长7%左右``). A clause without a number but with a target predicate
(同步, 高于, 保持…平衡, 持续改善) is a text target.

Only numbers with a unit (or an index such as ``居民消费价格指数…103.5``) are values: document
numbers (〔2026〕5号), hotlines (12345), 7×24小时, campaign names ("1571"工作部署) and years never
reach a statement, and the callers only keep statements whose indicator they recognise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from plantargets.extract.prose_words import HEAD_RE, longest_suffix, suffix_table
from plantargets.extract.statement_names import (
    VERB_FIRST,
    clean_subject,
    list_names,
    shared_names,
    untailed,
    valid_subject,
)
from plantargets.extract.statement_values import clause_values, shared_qualifier, shared_unit
from plantargets.extract.statement_words import (
    ALL_OF,
    ARRANGED,
    BASE_TAIL,
    COMPARED,
    COMPARISON,
    DATED_TAIL,
    DECLINE_VERBS,
    GROWTH_VERBS,
    ITS_TOTAL,
    LEVEL_VERBS,
    ON_BASE,
    PERIOD_LIST,
    PLAN_TASKS,
    SERIES_HEAD,
    TASK,
    TEXT_PREDICATE,
    TO_VERB,
    VAGUE_AIM,
    YEAR_TAIL,
    own_aim,
)
from plantargets.extract.values import Value
from plantargets.vocab.patterns import REPORT_WORDS
from plantargets.vocab.words import GROWTH_BEFORE_FIGURE

_CHANGE_ONLY = re.compile(r"^(?:净增|净减|新增|增加|减少)(?:近|约|超)?$")
# Two indicators sharing one text target (城镇登记失业率、居民消费价格涨幅控制在省定范围内): each
# long enough to be a name of its own (节能减排和大气、水环境质量 is one goal).
_CHANGE_TAIL = re.compile(r"(?:一年|全年|当年)?(?:净增|净减|新增|增加)(?:近|约|超)?$")
_PAIR = re.compile(r"^(?P<a>[^、和与及]{2,})(?:、|和|与)(?P<b>[^、和与及]{2,})$")
_FROM = re.compile(r"(?:由|从)(?:人均?)?$")  # 全员劳动生产率从人均8.7万元提高到12万元以上 (均 is cut as an adverb)
FROM_VERB = "由"  # the verb of a base value (由x提高到y): Statement.verb
_DIGIT = re.compile(r"\d")  # values are read only where a digit is printed
_RATE_AFTER = re.compile(r"的(?:增长|发展)?(?:速度|增速|增幅)")
_ON_BASE_TAIL = re.compile(f"(?:{ON_BASE})$")
_NAME_AFTER = re.compile(r"的(?P<name>[^,;，；。的\d%]{2,12}?)(?:增速|增长|增幅)(?!目标|预期)")  # not 8%左右的…增长目标


@dataclass(frozen=True)
class Statement:
    """One indicator with its value (or its text target) in a clause."""

    name: str  # the indicator as printed, verb-derived words added (能耗降低, 居民消费价格涨幅)
    measure: str  # 'growth' (a rate of change), 'level' (a level or a rate indicator), 'text'
    value: Value | None  # None for a text target
    unit: str
    start: int  # span of the statement in the text it was read from (name to value end)
    end: int
    vstart: int  # where the number is (its line is the row's line)
    text: str = ""  # the words of a text target
    verb: str = ""
    aim: bool = False  # the value is a target set (经济增长预期目标确定为7%: REPORT_WORDS.SET_AS), not stated


# The verbs a statement's name may end with, grouped by length for ``longest_suffix`` (one set
# lookup per length instead of one ``endswith`` per verb: this runs on every value of a report).
_LEVEL_SUFFIXES = suffix_table(LEVEL_VERBS)
_GROWTH_DECLINE_SUFFIXES = suffix_table(GROWTH_VERBS + GROWTH_BEFORE_FIGURE + DECLINE_VERBS)
_GROWTH_SUFFIXES = suffix_table(GROWTH_VERBS + GROWTH_BEFORE_FIGURE)


def _split(pre: str) -> tuple[str, str, str]:
    """``pre`` (text before a value) as (subject, growth or decline verb, level verb)."""
    pre = COMPARISON.sub("", YEAR_TAIL.sub("", pre.rstrip()))
    level = longest_suffix(pre, _LEVEL_SUFFIXES)
    # 国内生产总值到2007年达到 (a dated preposition), 国内生产总值2002年预计达到 (a year and 预计)
    pre = YEAR_TAIL.sub("", COMPARISON.sub("", DATED_TAIL.sub("", pre[: len(pre) - len(level)])))
    pre = COMPARISON.sub("", REPORT_WORDS.TARGET_SET.sub("", untailed(pre)))
    growth = longest_suffix(pre, _GROWTH_DECLINE_SUFFIXES)
    pre = pre[: len(pre) - len(growth)]
    if growth and (aim := REPORT_WORDS.TARGET_SET.search(pre.removesuffix("为"))):
        # 地区生产总值增速目标设定为年均增长5.5%—6%: the target set before its growth verb, 增速 said twice
        pre = pre[: aim.start()].removesuffix(longest_suffix(pre[: aim.start()], _GROWTH_SUFFIXES))
    pre = COMPARISON.sub("", BASE_TAIL.sub("", ARRANGED.sub("", untailed(pre))))
    return pre, growth, level


def _named(subject: str, growth: str) -> tuple[str, str]:
    """The row's name and measure from the subject and the verb."""
    if growth in DECLINE_VERBS:
        if "价格" in subject or subject.endswith(("CPI", "指数")):
            return subject + "涨幅", "level"  # 居民消费价格下降0.8%: the CPI change, negative
        if SERIES_HEAD.search(subject):
            return subject, "growth"  # 地区生产总值下降2.4%: a negative growth
        # 能耗降低2.5%: the yearly rate of reduction of the series, a rate like a growth rate
        # (annual_growth, positive), as tables print it in their annual column.
        return subject + growth, "growth"
    if "价格" in subject or subject.endswith(("CPI", "指数")):
        return (subject if subject.endswith(("涨幅", "指数", "CPI")) else subject + "涨幅"), "level"
    if growth in ("涨幅", "上涨", "上涨幅度"):
        return subject + "涨幅", "level"
    if growth in ("提高", "上升", "回升") and not subject.endswith(("收入", "总值", "增加值", "投资", "总额", "产值")):
        return subject + growth, "level"  # 城镇化率提高1个百分点: a change of a rate, no growth
    return subject, ("growth" if growth else "level")


def read_clause(
    text: str, start: int, end: int, inherited: Statement | None, listed_before: list[str] | None = None
) -> list[Statement]:
    """Statements of ``text[start:end]``; ``inherited`` is the previous clause's statement and
    ``listed_before`` the names of the previous clause's list (城乡居民人均可支配收入分别达到37475元和
    18405元，年均分别增长5.5%和10.1%: the second list continues the first)."""
    clause = text[start:end]
    if COMPARED.match(clause):
        return []  # 是“十二五”末的1.57倍: a comparison of the indicator before, no statement
    vals = clause_values(clause) if _DIGIT.search(clause) else []
    if not vals:
        return _text_targets(text, start, end, inherited)
    periods = _read_periods(clause, start, vals, inherited)
    if periods is not None:
        return periods
    listed = _read_changed(clause, start, vals) or _read_listed(clause, start, vals, listed_before)
    if listed:
        return listed
    shared = _read_shared(clause, start, vals)
    if shared:
        return shared
    return _read_sequence(clause, start, vals, inherited)


def _read_periods(
    clause: str, start: int, vals: list[tuple[int, int, Value]], inherited: Statement | None
) -> list[Statement] | None:
    """The full year's statement of a clause listing parts of the year (see ``PERIOD_LIST``); empty
    when the list has no 全年 or no indicator is named; None when the clause lists no periods."""
    m = PERIOD_LIST.search(clause, 0, vals[0][0])
    items = re.split(r"[、和及与]", m.group(0)) if m else []
    if m is None or len(items) != len(vals):
        return None
    subject = clean_subject(clause[: m.start()])  # 全省地区生产总值一季度、… or nothing (the clause before)
    _, growth, level = _split(clause[m.end() : vals[0][0]])
    vs, ve, v = vals[items.index("全年")] if "全年" in items else (0, 0, None)
    if v is None or not (valid_subject(subject) or inherited is not None):
        return []
    if not valid_subject(subject) and inherited is not None:
        subject, growth = _continued(inherited, growth, v)
    name, measure = _named(subject, growth)
    st = Statement(name, measure, _bound(v, level), v.unit, start, start + ve, start + vs, verb=growth or level)
    return [_signed(st, subject, growth)]


def _read_changed(clause: str, start: int, vals: list[tuple[int, int, Value]]) -> list[Statement]:
    """``A、B分别由x、y提高到z、w``: each name's base (verb ``FROM_VERB``), then the level each reached."""
    m = re.search(r"分别(?:由|从)", clause[: vals[0][0]])
    n = len(vals) // 2
    to = TO_VERB.search(clause, vals[n - 1][1], vals[n][0]) if m and n >= 2 and len(vals) == 2 * n else None
    names = list_names(clean_subject(clause[: m.start()]), n) if m and to else None
    if m is None or to is None or not names:
        return []
    reached = shared_qualifier([v for _, _, v in vals[n:]])
    bases = [Statement(nm, "level", v, v.unit, start, start + ve, start + vs, verb=FROM_VERB)
             for nm, (vs, ve, v) in zip(names, vals[:n], strict=True)]  # fmt: skip
    return bases + [Statement(nm, "level", v, v.unit, start, start + ve, start + vs, verb=to.group(0))
                    for nm, (vs, ve, _), v in zip(names, vals[n:], reached, strict=True)]  # fmt: skip


def _read_listed(
    clause: str, start: int, vals: list[tuple[int, int, Value]], listed_before: list[str] | None = None
) -> list[Statement]:
    """``A、B分别增长x、y``: one statement per pair, a qualifier printed once shared by all."""
    if len(vals) < 2:
        return []
    listed = re.search(r"分别", clause[: vals[0][0]])
    if listed:
        subject, growth, level = _split(clause[: listed.start()] + clause[listed.end() : vals[0][0]])
    elif all(clause[a[1] : b[0]] in ("和", "、", "与") for a, b in pairwise(vals)):
        # 城乡居民人均可支配收入年均增长7.9%和10%: values joined like the names, 分别 left out
        subject, growth, level = _split(clause[: vals[0][0]])
    else:
        return []
    subject = clean_subject(subject)
    names = list_names(subject, len(vals)) if subject else listed_before
    if not names or len(names) != len(vals):
        return []
    out = []
    values = shared_qualifier(shared_unit([_bound(v, level) for _, _, v in vals]))
    for nm, (vs, ve, _), v in zip(names, vals, values, strict=True):
        name, measure = _named(nm, growth)
        st = Statement(name, measure, v, v.unit, start, start + ve, start + vs, verb=growth or level)
        out.append(_signed(st, nm, growth))
    return out


def _read_shared(clause: str, start: int, vals: list[tuple[int, int, Value]]) -> list[Statement]:
    """``A、B、C均增长6%左右``, ``A和B均实际增长12%以上``, ``城乡居民人均收入分别增长10%``: every
    item gets the one value."""
    if len(vals) != 1:
        return []
    shared = ALL_OF.search(clause[: vals[0][0]]) or re.search(r"分别", clause[: vals[0][0]])
    if shared:
        subject, growth, level = _split(clause[: shared.start()] + clause[shared.end() : vals[0][0]])
        names = shared_names(clean_subject(subject), each=shared.group(0) == "各")
    elif not any(joiner in clause[: vals[0][0]] for joiner in "、和与及"):
        return []  # one name at most: the subject is cut from this text, and a list needs a joiner
    else:
        # 城镇居民人均可支配收入和农村居民人均纯收入年均实际增长超过7%: a list of indicator names
        # (each ending in a head noun) before one value, no adverb.
        subject, growth, level = _split(clause[: vals[0][0]])
        subject = clean_subject(subject)
        items = [x for x in re.split(r"、|和|与|及", subject) if x]
        # Each item a name of its own (研究与试验发展经费支出…比重 and 地级及以上城市… are one name).
        names = items if len(items) > 1 and all(HEAD_RE.search(x) and valid_subject(x) for x in items) else None
    if not names:
        return []
    vs, ve, v = vals[0]
    growth = growth or _growth_after(clause, ve, v)
    out = []
    for it in names:
        name, measure = _named(it, growth)
        st = Statement(name, measure, _bound(v, level), v.unit, start, start + ve, start + vs, verb=growth or level)
        out.append(_signed(st, it, growth))
    return out


def _read_sequence(
    clause: str, start: int, vals: list[tuple[int, int, Value]], inherited: Statement | None
) -> list[Statement]:
    """Each value with the indicator before it, or the previous statement's indicator when none."""
    out: list[Statement] = []
    pos = 0
    prev = inherited
    for vs, ve, v in vals:
        subject, growth, level = _split(clause[pos:vs])
        growth = growth or _growth_after(clause, ve, v)
        name = clean_subject(subject)
        after = _NAME_AFTER.match(clause, ve) if v.unit == "%" else None
        if after and not (valid_subject(name) and HEAD_RE.search(name)):
            # 以年均3.1%的能源消费增速支撑年均5.2%的经济增长: the figure before its name
            name, growth, ve_name = after.group("name"), "增长", after.end()
        else:
            ve_name = ve
        if name == ITS_TOTAL and prev is not None:
            name = ""  # 总量达到14274.1亿元: the level of the indicator before
        elif name in ("由", "从") and prev is not None and TO_VERB.match(clause, ve):
            name = prev.name + name  # 一是提高财政收入占GDP的比重，由13%提高到13.8%
        elif name.startswith("占") and prev is not None:
            name = prev.name + name  # 研发经费投入年均增长10%以上，到2025年占地区生产总值比重达到3.5%
        if _CHANGE_ONLY.match(name):
            pos = ve  # 净增213.8亿元: the change of the indicator before, which the next clause continues
            continue
        if not name and prev is not None:
            subject, growth = _continued(prev, growth, v)
            name, measure = _named(subject, growth)
        elif valid_subject(name):
            subject = name
            name, measure = _named(name, growth)
        else:
            pos = ve
            prev = None
            continue
        aim = REPORT_WORDS.SET_AS.search(clause, pos, vs) is not None
        st = Statement(
            name, measure, _bound(v, level), v.unit, start + pos, start + ve, start + vs, verb=growth or level, aim=aim
        )
        st = _signed(st, subject, growth)
        if _FROM.search(name) is None:
            out.append(st)
        elif not TO_VERB.match(clause, ve):
            pass  # 形成由1个中心城…: 由 without the change it starts (由x提高到y) states nothing
        else:
            # 由134.5亿元增加到343.1亿元: the first number is the base the second continues; it is
            # returned with verb FROM_VERB so that callers can tell it from a figure in its own right.
            st = replace(st, name=_FROM.sub("", name), verb=FROM_VERB)
            out.append(st)
        prev = st
        pos = ve_name
    return out


def _growth_after(clause: str, ve: int, v: Value) -> str:
    """增长 when a rate is named after its value (保持10%以上的增长速度), else ''."""
    return "增长" if v.unit == "%" and _RATE_AFTER.match(clause, ve) else ""


def _continued(prev: Statement, growth: str, v: Value) -> tuple[str, str]:
    """(subject, verb) of a clause that continues ``prev`` (``增长5.2%`` after ``国内生产总值…``)."""
    if not growth and prev.measure == "growth" and v.unit == "%":
        growth = prev.verb if prev.verb in GROWTH_VERBS else "增长"
    base = _CHANGE_TAIL.sub("", prev.name) or prev.name  # …收入一年净增157亿元，达658亿元: the level of 收入
    for w in ("涨幅", *DECLINE_VERBS):
        if base.endswith(w) and (growth == w or not growth):
            base, growth = base[: -len(w)], w
    return base, growth


def _bound(v: Value, verb: str) -> Value:
    implied = LEVEL_VERBS.get(verb, "")
    return replace(v, qualifier=implied) if implied and v.qualifier == "exact" else v


def _signed(st: Statement, subject: str, growth: str) -> Statement:
    """A decline of a series or a price index read as a negative number (see ``SERIES_HEAD``)."""
    if growth in DECLINE_VERBS and st.value is not None and st.value.number and SERIES_HEAD.search(subject):
        upper = -st.value.upper if st.value.upper is not None else None
        return replace(st, value=replace(st.value, number=-st.value.number, upper=upper))
    return st


def _text_targets(text: str, start: int, end: int, inherited: Statement | None) -> list[Statement]:
    """The text targets of a clause without a number; a list of whole targets (居民收入增长和经济增长同步、
    劳动报酬提高和劳动生产率提高同步: each item with its own predicate, none vague) gives one per item."""
    marks = [start + m.start() for m in re.finditer("、", text[start:end])]
    parts = list(zip([start, *(m + 1 for m in marks)], [*marks, end], strict=True))
    found = [TEXT_PREDICATE.search(text, a, b) for a, b in parts]
    if len(parts) > 1 and all(m is not None and not VAGUE_AIM.match(m.group(0)) for m in found):
        # Each item after the first names its own indicator (…翻一番、达到中等发达国家水平打好基础 names none).
        return [st for i, (a, b) in enumerate(parts) for st in _text_target(text, a, b, None if i else inherited)]
    return _text_target(text, start, end, inherited)


def _text_target(text: str, start: int, end: int, inherited: Statement | None) -> list[Statement]:
    clause = text[start:end]
    m = TEXT_PREDICATE.search(clause)
    if m is None:
        first = VERB_FIRST.match(clean_subject(clause))
        name = first.group("name") if first is not None and first.group("verb") == "控制" else ""
        if not (valid_subject(name) and (HEAD_RE.search(name) or name.endswith(("消费", "排放")))):
            return []  # 重点控制化石能源消费: the control is the target (严格控制增量 names none)
        return [Statement(name, "text", None, "", start, end, start, text=clause.strip())]
    # 地区生产总值在2010年的基础上翻一番: the base is no part of the name
    name = untailed(_ON_BASE_TAIL.sub("", clean_subject(clause[: m.start()]))).removesuffix("目标")
    task = TASK.fullmatch(m.group(0)) if not name and not PLAN_TASKS.search(m.group(0)) else None
    if task is not None and valid_subject(task.group("obj")):
        name = task.group("obj")  # 完成自治区下达的节能减排目标任务: the task names the indicator
    # 努力完成“十三五”规划目标任务 after 能耗…继续下降: a plan's tasks, no target of the indicator before;
    # nor is a task naming an aim of its own (确保完成全面建成小康社会目标任务 after 地区生产总值增长与全国同步).
    # Nor does a clause after a target set (经济增长目标设定为6%左右，…，与其他预期目标相协调) explain more than it.
    elif (
        not name
        and inherited is not None
        and not inherited.aim
        and not PLAN_TASKS.search(clause, m.start())
        and not own_aim(task)
    ):
        name = inherited.name + (
            "增长" if inherited.measure == "growth" and not inherited.name.endswith("增长") else ""
        )
    words = clause[m.start() :].strip()
    listed = _listed_aims(name) if not valid_subject(name) else None
    if listed:  # 单位地区生产总值能源消耗降低、…、主要污染物排放量下降完成省下达计划目标
        return [Statement(n, "text", None, "", start, end, start + m.start(), text=words) for n in listed]
    if not valid_subject(name):
        return []
    pair = _PAIR.match(name)  # two names; a short one must be an indicator (GDP和城乡居民收入)
    if pair and min(len(pair["a"]), len(pair["b"])) < 4 and not all(HEAD_RE.search(x) for x in pair.groups()):
        pair = None
    names = [pair.group("a"), pair.group("b")] if pair else [name]
    return [Statement(n, "text", None, "", start, end, start + m.start(), text=words) for n in names]


def _listed_aims(name: str) -> list[str] | None:
    """The indicators of a list of aims sharing one text target (A降低、B降低、C下降), each without its
    verb; None when the list's items are no indicator names."""
    items = [x.strip() for x in name.split("、")]
    names = [x[: -len(v)] if (v := longest_suffix(x, _GROWTH_DECLINE_SUFFIXES)) else x for x in items]
    ok = len(names) > 1 and all(valid_subject(x) and (HEAD_RE.search(x) or x.endswith(("排放", "消耗"))) for x in names)
    return names if ok else None


__all__ = [
    "DECLINE_VERBS",
    "GROWTH_VERBS",
    "LEVEL_VERBS",
    "Statement",
    "clean_subject",
    "read_clause",
    "valid_subject",
]
