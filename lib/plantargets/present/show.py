"""Displaying a report's parts in a notebook: its opening, sections, figures and sources.

Each function displays one block and returns nothing, so a notebook cell that ends with it
shows the block once. Texts come from :mod:`.narrative` (in the report's language) and
:mod:`.findings` (numbers from the data); figures carry the alt text their chart helper
wrote, so the HTML report can describe each image to a reader who cannot see it.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
from IPython.display import HTML, Markdown, display
from matplotlib.figure import Figure

from plantargets.present.labels import t
from plantargets.present.narrative import intro_markdown, section_markdown, text
from plantargets.present.sources import appendix
from plantargets.present.style import alt_text


def figure_output(fig: Figure) -> dict[str, Any]:
    """The figure as a PNG display bundle whose metadata carries its alt text.

    The report template writes that text into the image's ``alt`` attribute, so a reader
    who cannot see the figure (or an e-mail client that blocks images) learns what it shows.
    """
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return {"image/png": base64.b64encode(buf.getvalue()).decode("ascii"), "text/plain": alt_text(fig)}


def display_figure(fig: Figure) -> None:
    """Show ``fig`` in the notebook with its alt text (see :func:`figure_output`)."""
    bundle = figure_output(fig)
    display(bundle, raw=True, metadata={"image/png": {"alt": bundle["text/plain"]}})


def show(draw: Callable[..., Figure], data: pd.DataFrame, lang: str = "zh", **kwargs: Any) -> None:
    """Display ``draw(data, lang=lang, **kwargs)`` (a chart helper), or a note when ``data`` is empty.

    With a narrow parameter set a section can have nothing to draw (a region without a
    13th-plan table has no past-vs-target pair); the report then says so instead of failing.
    Returns nothing, so a notebook cell ending with this call shows the figure once.
    """
    if data is None or data.empty or data.select_dtypes("number").isna().all().all():
        display(Markdown(f"*{t('no_data', lang)}*"))
        return
    display_figure(draw(data, lang=lang, **kwargs))


def intro(report: str, lang: str, findings: Sequence[str], **fmt: object) -> None:
    """Display the report's opening (see :func:`intro_markdown`); the findings are boxed."""
    md = intro_markdown(report, lang, (), **fmt)
    head, _, about = md.partition("\n\n")
    display(Markdown(head))
    if findings:
        items = "".join(f"<li>{_escape(f)}</li>" for f in findings)
        display(
            HTML(
                f'<div class="pt-findings"><strong>{_escape(text("key_findings", lang))}</strong><ul>{items}</ul></div>'
            )
        )
    display(Markdown(about))


def section(key: str, lang: str, findings: Sequence[str] = ()) -> None:
    """Display one section's heading, description and findings (see :func:`section_markdown`)."""
    display(Markdown(section_markdown(key, lang, findings)))


def note(key: str, lang: str, **fmt: object) -> None:
    """Display one narrative block as a paragraph (e.g. what a table below a figure adds)."""
    display(Markdown(text(key, lang, **fmt)))


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def show_appendix(lang: str = "zh") -> None:
    """Display the sources appendix (the lines every table cited, quoted): a report's last section."""
    display(HTML(appendix(lang)))
