"""What the report sanitiser keeps of notebook HTML: pandas' own styles and in-page links only.

Document text reaches report outputs (region and indicator names, raw rows). A name such as
``<style>*{display:none}</style>森林覆盖率`` must not blank the page, and ``<a href=https://…>``
or ``//host`` links must not become clickable in a report that is e-mailed (issue 16, case 8).
So a ``<style>`` block is kept only when every rule is scoped to a pandas table (``#T_…``
from a Styler, ``.dataframe`` from a DataFrame's HTML repr) and holds nothing that fetches
or runs; links may only point inside the page or to a relative file in the reports folder.
"""

from __future__ import annotations

import re

# pandas scopes a Styler's rules to '#T_<uuid>' and a DataFrame repr's to '.dataframe'.
PANDAS_SELECTOR_RE = re.compile(r"^(#T_[A-Za-z0-9_]+|\.dataframe)\b")
CSS_COMMENT_RE = re.compile(r"/\*.*?\*/", re.DOTALL)
CSS_RULE_RE = re.compile(r"([^{}]*)\{([^{}]*)\}")
UNSAFE_CSS_RE = re.compile(
    r"url\s*\(|@import|expression\s*\(|javascript:|behavior\s*:|-moz-binding|<|\\", re.IGNORECASE
)
# A scheme ('https:', 'javascript:') or a network path ('//host'): leaves the folder.
OUTSIDE_URL_RE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|[/\\]{2})", re.IGNORECASE)


def pandas_style(css: str) -> bool:
    """True when ``css`` is only rules scoped to pandas tables, with nothing that fetches or runs."""
    css = CSS_COMMENT_RE.sub("", css)
    if UNSAFE_CSS_RE.search(css) or "@" in css:
        return False
    rules = CSS_RULE_RE.findall(css)
    if CSS_RULE_RE.sub("", css).strip():  # text outside any rule (a stray '}' or an at-rule)
        return False
    for selectors, _ in rules:
        for selector in selectors.split(","):
            if not PANDAS_SELECTOR_RE.match(selector.strip()):
                return False
    return True


def allowed_attribute(tag: str, name: str, value: str, allowed: frozenset[str]) -> bool:
    """bleach attribute filter: images only as data URIs, links only in-page or relative."""
    if name not in allowed:
        return False
    if name == "src":
        return value.startswith("data:image/")
    if name == "href":
        return value.startswith("#") or not (OUTSIDE_URL_RE.match(value) or value.strip().startswith("/"))
    return True
