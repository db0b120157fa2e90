"""Reading ``reports.yml`` as YAML a notebook parameter can take: plain scalars, lists, maps.

Kept apart from the config's meaning (:mod:`plantargets.reports.config`): this module only
decides whether the file is readable YAML whose values papermill can pass to a kernel, and
names the file and line when it is not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from plantargets.errors import ReportConfigError


def read_yaml(config: Path) -> Any:
    """The parsed YAML of ``config``, refusing dates, ``!!binary`` and the like with their line."""
    if not config.is_file():
        raise ReportConfigError("report config not found", file=config)
    try:
        text = config.read_text(encoding="utf-8")
        _check_plain_scalars(yaml.compose(text), config)
        return yaml.safe_load(text)
    except UnicodeDecodeError as exc:
        raise ReportConfigError(f"not UTF-8 text: {exc}", file=config) from None
    except yaml.YAMLError as exc:
        raise ReportConfigError(f"not valid YAML: {exc}", file=config) from None


# YAML types a notebook parameter cannot be (papermill writes parameters as Python literals and
# the build hashes them as JSON): a bare 2021-01-01 is a date, !!binary bytes, !!set a set.
_NON_JSON_TAGS = {"timestamp": "a date", "binary": "binary data", "set": "a set", "omap": "an ordered map"}


def _check_plain_scalars(node: Any, config: Path) -> None:
    """Refuse YAML dates, ``!!binary`` and the like, naming the line, before they reach a kernel."""
    stack = [node] if node is not None else []
    seen: set[int] = set()  # an alias shares its anchor's node: visit each once (a recursive
    while stack:  # anchor would loop, nested aliases would grow exponentially)
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        kind = str(n.tag).rsplit(":", 1)[-1]
        if kind in _NON_JSON_TAGS:
            raise ReportConfigError(
                f"{n.value if isinstance(n.value, str) else '...'!s:.40} is {_NON_JSON_TAGS[kind]} in YAML, "
                "which a notebook parameter cannot be; quote it to pass text",
                file=config,
                line=n.start_mark.line + 1,
            )
        if isinstance(n, yaml.MappingNode):
            stack.extend(x for pair in n.value for x in pair)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
