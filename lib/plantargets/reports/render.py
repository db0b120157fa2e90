"""The report page: notebook outputs made safe, then nbconvert HTML with the provenance header.

Document text reaches outputs in tables, prints and ``display(Markdown(...))``; everything
that is not a markdown cell we wrote is cleaned with an allow-list of tags and attributes,
and output types that would run code in the reader's browser are dropped.
"""

from __future__ import annotations

import copy
import logging
from typing import TYPE_CHECKING, Any

from plantargets.reports.html import TEMPLATES_DIR, house_css, render_provenance
from plantargets.reports.sanitise import allowed_attribute, pandas_style, split_style_blocks

if TYPE_CHECKING:
    from plantargets.reports.execute import Job

# pandas (DataFrame and Styler) puts <style> blocks before its tables. They are kept when every
# rule is scoped to a pandas table and cannot reach the network (reports/sanitise.py).
# Tags a notebook output may use in its HTML (pandas tables, simple markup); anything else,
# <script> included, is escaped and shown as text.
ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        *(f"h{n}" for n in range(1, 7)),  # headings
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)


ALLOWED_ATTRS = frozenset(
    {"class", "id", "title", "lang", "dir", "colspan", "rowspan", "align", "alt", "width", "height", "href", "src"}
)


# Output types that would run code in the reader's browser: dropped from the HTML.
DROPPED_MIME = (
    "application/javascript",
    "text/javascript",
    "application/vnd.jupyter.widget-view+json",
    "application/vnd.jupyter.widget-state+json",
)


def sanitize_outputs(nb: Any, drop_stderr: bool = True) -> None:
    """Make outputs safe to show: untrusted HTML is cleaned, scripts become visible text.

    Document text reaches outputs inside DataFrames (pandas escapes it), prints (escaped by
    nbconvert) or ``display(HTML/Markdown(...))``, which nbconvert would paste verbatim;
    those are cleaned here with an allow-list. Markdown *cells* are written by us and kept.
    Warnings on stderr are for the analyst, not the reader: ``drop_stderr`` leaves them in
    the executed notebook only.
    """
    import bleach  # late: jupyter (~1.2 s), worker processes only
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    def allow(tag: str, name: str, value: str) -> bool:
        return allowed_attribute(tag, name, value, ALLOWED_ATTRS)

    cleaner = bleach.Cleaner(
        tags=ALLOWED_TAGS, attributes=allow, protocols={"http", "https", "data"}, strip=False, strip_comments=True
    )
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if drop_stderr:
            cell.outputs = [o for o in cell.get("outputs", []) if o.get("name") != "stderr"]
        for out in cell.get("outputs", []):
            data = out.get("data")
            if not data:
                continue
            for mime in DROPPED_MIME:
                data.pop(mime, None)
            if "text/markdown" in data:
                data["text/html"] = markdown2html_mistune(_text(data.pop("text/markdown")))
            if "text/html" in data:
                html = _text(data["text/html"])
                blocks, rest = split_style_blocks(html)  # linear, unlike a lazy regex
                kept = "".join(f"<style>{css}</style>" for css in blocks if pandas_style(css))
                data["text/html"] = kept + cleaner.clean(rest)


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def export_html(nb: Any, job: Job, tables: list[str]) -> str:
    """The report page: provenance header, then the notebook (code hidden unless with_code)."""
    from nbconvert import HTMLExporter  # late: jupyter (~1.2 s), worker processes only
    from traitlets.config import Config

    c = Config()
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = {"remove-cell", "remove_cell"}
    c.TagRemovePreprocessor.remove_input_tags = {"remove-input", "remove_input", "hide-input"}
    exporter = HTMLExporter(config=c, template_name="lab", template_file=str(TEMPLATES_DIR / "report.html.j2"))
    exporter.exclude_input = not job.with_code
    exporter.exclude_input_prompt = not job.with_code
    exporter.exclude_output_prompt = True
    quiet = logging.getLogger("plantargets.nbconvert")
    quiet.setLevel(logging.ERROR)  # "alternative text is missing" for every matplotlib figure
    exporter.log = quiet
    nb = _copy(nb)
    sanitize_outputs(nb, drop_stderr=not job.with_code)
    nb.metadata["title"] = job.title
    header = render_provenance(job.header, [(t, f"{job.name}_data/{t}") for t in tables])
    resources = {"metadata": {"name": job.title}, "plantargets_header": header, "plantargets_css": house_css()}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return str(body)


def _copy(nb: Any) -> Any:
    return copy.deepcopy(nb)
