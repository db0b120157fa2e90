"""The words of a report, in the report's language: what it answers, what each section shows.

Reports are read in Chinese or in English, so nothing a reader sees may be hard-coded in
one language in a notebook cell. The texts live in ``narrative.csv`` (``key,zh,en``, one row
per block), a file of the one store of texts with ``labels.csv`` (:mod:`.labels`): the report's
title and purpose, each section's heading and what its figure or table shows, and the
sentence templates that :mod:`.findings` fills with numbers from the data, and what each
report answers (for the index). Notebooks show them through :mod:`.show`.
"""

from __future__ import annotations

from collections.abc import Sequence

from plantargets.present.labels import NARRATIVE_FILE, lookup, texts


def text(key: str, lang: str = "zh", **fmt: object) -> str:
    """The narrative block ``key`` in ``lang`` with ``{placeholders}`` filled from ``fmt`` (:func:`.labels.lookup`)."""
    return lookup(texts(), key, lang, fmt, f"no narrative {key!r} in {NARRATIVE_FILE.name}")


def count_text(n: int, lang: str = "zh") -> str:
    """A count as the prose of ``lang`` prints it: 1,448 in English; 1448 in Chinese, as the
    statistical communiqués of 国家统计局 print counts and amounts (no thousands separator).
    The one formatter of the counts the key findings state."""
    return f"{int(n):,}" if lang == "en" else str(int(n))


def has_text(key: str) -> bool:
    """True when the store of texts has ``key``."""
    return key in texts()


def intro_markdown(report: str, lang: str, findings: Sequence[str], **fmt: object) -> str:
    """Markdown opening a report: its title, the key findings (from the data), what it answers."""
    parts = [f"# {text(f'{report}.title', lang, **fmt)}", ""]
    if findings:
        parts += [f"**{text('key_findings', lang)}**", ""] + [f"- {f}" for f in findings] + [""]
    parts += [f"## {text('about', lang)}", "", text(f"{report}.about", lang)]
    return "\n".join(parts)


def section_markdown(key: str, lang: str, findings: Sequence[str] = ()) -> str:
    """Markdown of one section: its heading, what its figure or table shows, what the data say."""
    parts = [f"## {text(f'{key}.title', lang)}", "", text(f"{key}.text", lang)]
    if findings:
        parts += ["", " ".join(f"**{f}**" if i == 0 else f for i, f in enumerate(findings))]
    return "\n".join(parts)


def answers(notebook: str) -> dict[str, str]:
    """What the report made from ``notebook`` (its file stem) answers, {lang: question}; {} if unknown.

    The index lists it beside each report, so a reader picks a report by its question.
    """
    key = f"answers.{notebook}"
    return dict(texts()[key]) if key in texts() else {}
