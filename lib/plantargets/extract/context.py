"""What a document is, read from the document itself: type, year, region, plan period.

A document without a manifest row (``plantargets extract`` on a downloaded file, the corpus
before it is imported, ``plantargets add`` before it asks) must still be recognised, or a
work report yields nothing: its targets are dated by the report's year. The witnesses, in
order of trust:

1. the title: Markdown front matter ``title:`` (``2023年内蒙古自治区政府工作报告``), else the
   first non-empty line (``**政府工作报告**``, ``1998年政府工作报告``);
2. the opening lines: the session line ``——2024年3月5日在第十四届全国人民代表大会第二次会议上``
   (year, and the region whose congress hears it), the speaker line ``国务院总理　李强`` /
   ``四川省人民政府省长　黄强``, a dateline ``新华社北京3月5日电`` (news).

The manifest, when it has a row, overrides all of this (``dataset.assemble.infer_context``).
Spaces inside the opening lines are ignored (``2 0 2 1 年 政府工作报告`` is a real title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plantargets.read.text import Document, compact
from plantargets.vocab.patterns import CONTEXT_WORDS
from plantargets.vocab.periods import cn_ordinal, cn_year, plan_mentions, plan_number, plan_years

# How many opening lines carry the title, the session line and the speaker.
HEAD_LINES = 40
# Further lines searched for a plan name when the opening names none (an outline's preface).
PLAN_SEARCH_LINES = 400
DOC_TYPES = ("work_report", "fyp_outline", "annual_plan", "news", "unknown")

BODY_LINES = 600
SESSION_MAX = 60  # the session line: ——2024年3月5日在第十四届全国人民代表大会第二次会议上
SPEAKER_MAX = 30  # a speaker line is short: 四川省人民政府省长 黄强
_GENERIC_REGIONS = {
    "自治区",
    "省",
    "市",
    "州",
    "盟",
    "县",
    "旗",
    "区",
    "全省",
    "全市",
    "本市",
    "中华人民共和国",
    "自治州",
}
NATIONAL = "全国"


@dataclass(frozen=True)
class DocumentGuess:
    """What the document says about itself (``None``/'' when it does not say)."""

    doc_type: str  # one of DOC_TYPES
    year: int | None  # a work report's or annual plan's year (the year its targets are for)
    region: str  # as printed (新疆维吾尔自治区, 乌鲁木齐市); 全国 for the State Council
    plan: int | None  # plan number of an outline (14 for 2021-2025), None otherwise
    title: str
    published: str  # YYYY-MM or YYYY-MM-DD from the session line, else ''

    @property
    def plan_period(self) -> tuple[int, int] | None:
        """First and last year of an outline's plan."""
        return plan_years(self.plan) if self.plan else None


def _head(doc: Document) -> list[str]:
    """The opening lines' parse text, spaces removed, empty lines dropped."""
    out = []
    for line in doc.lines[:HEAD_LINES]:
        t = compact(line.text)
        if t:
            out.append(t)
    return out


def _title(doc: Document, head: list[str]) -> str:
    title = compact(doc.metadata.get("title", ""))
    return title or (head[0] if head else "")


def _doc_type(title: str, head_text: str) -> str:
    """Type from the title first (it names the document), else the opening lines.

    A news write-up (a dateline such as 新华社北京3月5日电) about a work report is read like
    the report; it is 'news' only when its title does not name a report, plan or outline.
    """
    for text in (title, head_text):
        if text is head_text and CONTEXT_WORDS.NEWS.search(text):
            return "news"
        report = CONTEXT_WORDS.WORK_REPORT.search(text)
        outline = CONTEXT_WORDS.OUTLINE.search(text)
        if report and not (outline and outline.start() < report.start()):
            return "work_report"
        if CONTEXT_WORDS.ANNUAL_PLAN.search(text):
            return "annual_plan"
        if outline:
            return "fyp_outline"
    return "unknown"


def _clean_region(region: str) -> str:
    region = CONTEXT_WORDS.DATE_PREFIX.sub("", CONTEXT_WORDS.MARKUP.sub("", region)).rsplit("在", 1)[-1]
    region = re.sub(r"^(?:(?:19|20)\d\d年)+", "", region)
    region = re.sub(r"(?:人民政府|人民|政府)$", "", region)
    if (
        region in _GENERIC_REGIONS
        or region.startswith(("我", "本", "全"))
        or not 2 <= len(region) <= 20
        or not CONTEXT_WORDS.REGION_TAIL.search(region)
    ):
        return ""
    return region


def _region(title: str, head: list[str]) -> str:
    """The region from the title, the session line or the speaker line."""
    # A news lead names the speaker in its first clause (新华社北京3月5日电 国务院总理李强5日在…作政府
    # 工作报告时说，…): the first clause of a long line counts, not a mention later in a paragraph.
    firsts = [re.split(r"[，,。；;]", line, maxsplit=1)[0] for line in [title, *head[:8]]]
    if any(CONTEXT_WORDS.NATIONAL.search(line) for line in firsts if len(line) <= SESSION_MAX):
        return NATIONAL
    s = CONTEXT_WORDS.SESSION.search(title)
    if s and (r := _clean_region(s.group(1) or s.group(2))):
        return r
    m = CONTEXT_WORDS.TITLE_REGION.search(CONTEXT_WORDS.MARKUP.sub("", title))
    if m and (r := _clean_region(m.group(1))):
        return r
    for line in head[:10]:
        # A news lead's first sentence (1月12日，省长王忠林在湖北省十四届人大一次会议上作政府工作报告。) is
        # its session line; the rest of a long paragraph is not.
        lead = line if len(line) <= SESSION_MAX else re.split(r"[。；;]", line, maxsplit=1)[0]
        s = CONTEXT_WORDS.SESSION.search(lead) if len(lead) <= SESSION_MAX else None
        if s and (r := _clean_region(s.group(1) or s.group(2))):
            return r
        short = CONTEXT_WORDS.SESSION_SHORT.search(lead) if len(lead) <= SESSION_MAX else None
        if short and (r := _clean_region(short.group(1))):
            return r
        p = CONTEXT_WORDS.SPEAKER.search(CONTEXT_WORDS.MARKUP.sub("", line)) if len(line) <= SPEAKER_MAX else None
        if p and (r := _clean_region(p.group(1))):
            return r
    return ""


def _arabic_dates(text: str) -> str:
    """``二〇一七年二月二十日`` → ``2017年2月20日`` (reports often print dates in Chinese numerals)."""
    if "年" not in text:
        return text

    def conv(m: re.Match[str]) -> str:
        year = cn_year(m.group(1))
        month, day = cn_ordinal(m.group(2)), cn_ordinal(m.group(3) or "")
        return f"{year}年{month}月" + (f"{day}日" if day else "")

    return CONTEXT_WORDS.CN_DATE.sub(conv, text)


def _year(doc_type: str, title: str, head: list[str]) -> tuple[int | None, str]:
    """The year the document's targets are for, and the publication date if printed."""
    published = ""
    date_year = None
    session = False  # the date is the congress session's (在…人民代表大会…会议上（2015年1月28日）)
    for line in [title, *head[:10]]:
        d = CONTEXT_WORDS.DATE.search(_arabic_dates(line))
        if d and 1 <= int(d.group(2)) <= 12:
            y, month, day = int(d.group(1)), int(d.group(2)), d.group(3)
            published = f"{y}-{month:02d}" + (f"-{int(day):02d}" if day and 1 <= int(day) <= 31 else "")
            # A report heard in December sets the targets of the year that follows.
            date_year = y + 1 if month == 12 and doc_type == "work_report" else y
            session = "会议" in line
            break
    if doc_type == "annual_plan":
        years = [int(y) for y in re.findall(r"((?:19|20)\d\d)年国民经济和社会发展计划", title + "".join(head[:5]))]
        if years:
            return max(years), published
    t = CONTEXT_WORDS.YEAR_TITLE.search(title) or CONTEXT_WORDS.YEAR_TITLE.search("".join(head[:3]))
    if t:
        titled = int(t.group(1) or t.group(2))
        # 2014年四川省人民政府工作报告 heard on 2015年1月28日: the title names the year reviewed,
        # the session's year is the year the targets are for.
        if doc_type == "work_report" and session and date_year == titled + 1:
            return date_year, published
        return titled, published
    return date_year, published


FIRST_FIVE_YEAR_NPC = (6, 1983)  # the sixth congress, the first of the five-year rhythm, and its first year


def _session_year(head_text: str) -> int | None:
    """The year of a National People's Congress session named in the opening (十四届全国人大二次会议: 2024)."""
    m = CONTEXT_WORDS.NPC_SESSION.search(head_text)
    if m is None:
        return None
    congress, session = cn_ordinal(m.group(1)) or 0, cn_ordinal(m.group(2)) or 0
    number, first_year = FIRST_FIVE_YEAR_NPC
    if congress < number or not 1 <= session <= 5:
        return None
    return first_year + 5 * (congress - number) + session - 1


def _body_year(doc: Document) -> int | None:
    """The report's year from its section headings when its opening is undated."""
    for line in doc.lines[:BODY_LINES]:
        text = line.text
        if "年" not in text or len(text) > 60:
            continue  # headings are short
        t = compact(text)
        m = CONTEXT_WORDS.BODY_PLAN.search(t)
        if m:
            return int(m.group(1))
        m = CONTEXT_WORDS.BODY_REVIEW.search(t)
        if m:
            return int(m.group(1)) + 1
    return None


def _metadata_year(doc: Document) -> int | None:
    """The year of a front-matter ``date:`` (news write-ups carry one), else None."""
    m = re.match(r"((?:19|20)\d\d)", doc.metadata.get("date", "").strip())
    return int(m.group(1)) if m else None


def _plan(doc: Document, title: str, head: list[str]) -> int | None:
    m = CONTEXT_WORDS.OUTLINE.search(title)
    if m and m.group(1):
        return cn_ordinal(m.group(1))
    mentions = plan_mentions("\n".join(head)) or plan_mentions(
        "\n".join(line.text for line in doc.lines[:PLAN_SEARCH_LINES])
    )
    return max(mentions) if mentions else None


def guess_context(doc: Document) -> DocumentGuess:
    """What ``doc`` says it is (see the module docstring for the witnesses)."""
    head = _head(doc)
    title = _title(doc, head)
    head_text = "\n".join(head[:12])
    doc_type = _doc_type(title, head_text)
    region = _region(title, head) if doc_type != "unknown" else ""
    year, published = _year(doc_type, title, head)
    if year is None and doc_type in ("work_report", "news", "annual_plan"):
        year = _metadata_year(doc) or _body_year(doc)
        if year is None and region == NATIONAL:  # a provincial report may recall a national session
            year = _session_year(head_text)
    plan = _plan(doc, title, head) if doc_type == "fyp_outline" else None
    if doc_type == "fyp_outline":
        year = None
    elif doc_type == "unknown":
        plan = _plan(doc, title, head)
        if plan:
            doc_type, year = "fyp_outline", None
    return DocumentGuess(doc_type, year, region, plan, title, published)


def report_plan(year: int) -> tuple[int, int | None]:
    """The plan a work report of ``year`` works in, and the plan it closes (2021 closes the 13th)."""
    current = plan_number(year)
    start, _ = plan_years(current)
    return current, (current - 1 if year == start else None)


__all__ = ["DOC_TYPES", "NATIONAL", "DocumentGuess", "guess_context", "report_plan"]
