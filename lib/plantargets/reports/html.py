"""The HTML around the notebooks: provenance header, index page, and the offline check.

Everything here is rendered with Jinja2 autoescaping, so a region name, parameter value or
error message containing ``<script>`` is shown as text. Reports are zipped and e-mailed,
so :func:`external_references` lists any ``src``/``href`` that would reach the network;
the build and the tests use it to keep every page self-contained.
"""

from __future__ import annotations

import html.parser
import re
from functools import lru_cache
from os.path import relpath
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from plantargets import paths
from plantargets.present.labels import LANGS, label_keys, t

TEMPLATES_DIR = paths.PACKAGE_DIR / "reports" / "templates"
# Attributes that make a browser fetch or navigate; checked by external_references().
URL_ATTRS = ("src", "href", "srcset", "data", "poster", "action", "formaction", "xlink:href")
EXTERNAL_RE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
CSS_URL_RE = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.IGNORECASE)
STATUS_LABELS = {"built": "built", "skipped": "up to date", "stale": "stale (last good version)", "failed": "failed"}


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


@lru_cache(maxsize=1)
def house_css() -> str:
    return (TEMPLATES_DIR / "report.css").read_text(encoding="utf-8")


def render_provenance(context: dict[str, Any], tables: list[tuple[str, str]]) -> str:
    """The header opening a report; ``context`` comes from the builder, ``tables`` are (name, href)."""
    lang = str(context.get("lang") or "en")
    lang = lang if lang in LANGS else "en"  # the header of a report in another language is English
    labels = {key.removeprefix("provenance."): t(key, lang) for key in label_keys("provenance.")}
    return _env().get_template("provenance.html.j2").render(**context, t=labels, tables=tables)


# Index sections: the analyses first, then documents' reports by level (nation down), then region.
LEVEL_SECTIONS = {
    "": "分析 · Analyses",
    "national": "全国 · National",
    "province": "省级 · Provinces",
    "prefecture": "地级 · Cities and prefectures",
    "county": "县级 · Counties and districts",
}


def index_sections(reports: list[dict[str, Any]]) -> list[tuple[str, list[tuple[str, list[dict[str, Any]]]]]]:
    """Reports grouped by level, then by region (code order), keeping their order within a region."""
    levels = list(LEVEL_SECTIONS)
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    keyed = sorted(
        reports,
        key=lambda r: (levels.index(r.get("level", "")) if r.get("level", "") in levels else len(levels),
                       r.get("region_code", "")),
    )  # fmt: skip
    for r in keyed:
        section = LEVEL_SECTIONS.get(r.get("level", ""), r.get("level", ""))
        region = r.get("region_zh", "")
        out.setdefault(section, {}).setdefault(region, []).append(r)
    return [(section, list(regions.items())) for section, regions in out.items()]


def render_index(context: dict[str, Any]) -> str:
    """``reports/index.html`` from the builder's context (reports, dataset, data files)."""
    for report in context["reports"]:
        report.setdefault("status_label", STATUS_LABELS.get(report["status"], report["status"]))
    sections = index_sections(context["reports"])
    return _env().get_template("index.html.j2").render(**context, sections=sections, css=house_css())


class _RefCollector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            if name in URL_ATTRS and value is not None:
                urls = [u.strip().split(" ")[0] for u in value.split(",")] if name == "srcset" else [value]
                self.refs.extend((tag, name, u) for u in urls)
            elif name == "style" and value:
                self.refs.extend((tag, "style", u) for u in CSS_URL_RE.findall(value))

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.refs.extend(("style", "url", u) for u in CSS_URL_RE.findall(data))
            self.refs.extend(("style", "@import", u) for u in re.findall(r"@import\s+['\"]([^'\"]+)", data))


def references(page: str) -> list[tuple[str, str, str]]:
    """Every (tag, attribute, url) a page refers to, including CSS ``url()`` and ``@import``."""
    collector = _RefCollector()
    collector.feed(page)
    collector.close()
    return collector.refs


def external_references(page: str) -> list[str]:
    """URLs in ``page`` that leave the folder: absolute URLs, except ``data:`` and in-page ``#`` links.

    ``mailto:`` counts as external on purpose: nothing in a report should need it.
    """
    out = []
    for tag, attr, url in references(page):
        u = url.strip()
        if not u or u.startswith("#") or u.lower().startswith("data:"):
            continue
        if EXTERNAL_RE.match(u) or u.startswith("/"):
            out.append(f"<{tag} {attr}={u[:80]!r}>")
    return out


def local_links(page: str) -> list[str]:
    """Relative ``src``/``href`` targets (without ``#fragment``), to check that they exist."""
    out = []
    for _tag, attr, url in references(page):
        u = url.strip()
        if attr not in ("src", "href") or not u or u.startswith("#") or u.lower().startswith("data:"):
            continue
        if not EXTERNAL_RE.match(u) and not u.startswith("/"):
            out.append(u.split("#", 1)[0])
    return out


def relative_href(target: Path, page_dir: Path) -> str:
    """A URL from a page in ``page_dir`` to ``target`` (both inside the reports folder)."""
    return quote(Path(relpath(target, page_dir)).as_posix())
