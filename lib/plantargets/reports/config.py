"""Reading ``reports.yml``: which notebooks become which reports, with which parameters.

The file is small and hand-edited, so it is checked strictly: an unknown key, a
parameter the notebook does not declare, or two entries producing the same output stop
the build with a message naming the config file and the entry, before any kernel starts.
An entry with ``for_each: document`` becomes one report per manifest document (parameter
``doc_id``); ``langs: [zh, en]`` makes one report per language (parameter ``lang``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from plantargets.dataset.manifest import Source
from plantargets.dataset.regions import load_regions
from plantargets.errors import ReportConfigError
from plantargets.reports.config_yaml import read_yaml

TOP_KEYS = {"timeout", "kernel", "preload", "inputs", "reports"}
REPORT_KEYS = {"name", "title", "notebook", "parameters", "langs", "for_each", "output", "inputs", "timeout", "select"}
# `select:` of a for_each: document entry: which documents get a report by default. The
# others stay buildable on demand (`plantargets build --doc DOC_ID` or `--only region-DOC_ID`).
SELECT_KEYS = ("level", "doc_type", "region", "doc_id", "file", "year")
FOR_EACH = ("document",)
# Output names become file names (reports/<output>.html) and URL fragments.
OUTPUT_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,100}$")
DEFAULT_TIMEOUT = 600  # seconds per cell: the slowest real cell (a full-dataset chart) takes ~20 s
DEFAULT_KERNEL = "python3"
# Modules imported into each kernel before its notebook runs (in the background, while the
# previous notebook executes): they make up most of a kernel's start-up time.
DEFAULT_PRELOAD = ("pandas", "matplotlib.pyplot", "plantargets")
# What a report depends on unless its entry says otherwise: every processed table, the
# reference tables and the manifest (checksums appear in the provenance header).
DEFAULT_INPUTS = ("data/processed/*", "data/reference/*", "data/raw/sources.csv")
# A parameter declaration in the tagged cell: `name = ...` or `name: type = ...` at column 0.
PARAM_DECL_RE = re.compile(r"^([A-Za-z_]\w*)\s*(?::[^=]*)?=(?!=)")


@dataclass(frozen=True)
class ReportSpec:
    """One report to build: a notebook run with one parameter set, written as ``output``."""

    output: str  # file name stem: reports/<output>.html
    group: str  # name of the reports.yml entry it expands (messages name it)
    title: str
    notebook: Path
    parameters: dict[str, Any]  # final values, doc_id and lang included
    inputs: tuple[str, ...]  # file patterns (from the root) whose change rebuilds the report
    timeout: int  # seconds per notebook cell
    doc_id: str | None = None
    on_demand: bool = False  # built only when asked for by --only/--doc (not selected by default)
    level: str = ""  # the document's region level, for grouping the index
    region_code: str = ""
    region_zh: str = ""


@dataclass(frozen=True)
class BuildConfig:
    """The whole config after validation and expansion."""

    path: Path
    root: Path
    kernel: str
    preload: tuple[str, ...]
    timeout: int
    reports: list[ReportSpec] = field(default_factory=list)


def _fail(config: Path, msg: str) -> ReportConfigError:
    return ReportConfigError(msg, file=config)


def _str_list(value: Any, config: Path, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(config, f"{where} must be a list of strings, got {value!r}")
    return tuple(value)


def _positive_int(value: Any, config: Path, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise _fail(config, f"{where} must be a positive number of seconds, got {value!r}")
    return value


def declared_parameters(notebook: Path) -> set[str] | None:
    """Names assigned in the notebook's cell tagged ``parameters``; None if it has none.

    Read with the standard library (not nbformat) because this runs on every build,
    including the ones with nothing to do.
    """
    try:
        nb = json.loads(notebook.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError is a ValueError
        raise ReportConfigError(f"the notebook is not a readable .ipynb (JSON) file: {exc}", file=notebook) from None
    if not isinstance(nb, dict):
        raise ReportConfigError("the notebook is not a readable .ipynb file (not a JSON object)", file=notebook)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else source
            return {m.group(1) for line in text.splitlines() if (m := PARAM_DECL_RE.match(line))}
    return None


def _check_parameters(config: Path, entry: str, notebook: Path, parameters: dict[str, Any]) -> None:
    declared = declared_parameters(notebook)
    if declared is None:
        if parameters:
            raise _fail(
                config,
                f"report {entry!r}: {notebook.name} has no cell tagged 'parameters', "
                f"so it cannot take {sorted(parameters)}",
            )
        return
    unknown = sorted(set(parameters) - declared)
    if unknown:
        raise _fail(
            config,
            f"report {entry!r}: {notebook.name} does not declare parameter(s) {unknown}; "
            f"it declares {sorted(declared)}",
        )


def _selector(value: Any, config: Path, where: str) -> Callable[[Source], bool]:
    """A predicate over manifest documents from a ``select:`` mapping (all keys must hold).

    ``level``, ``doc_type``: lists of values; ``region``: names, aliases or codes from
    data/reference/regions.csv, matching a document of that region or below it (新疆 selects
    Xinjiang's prefectures too); ``doc_id``, ``file``: glob patterns; ``year``: a report year
    or plan start year, or a range 'YYYY-YYYY'.
    """
    if value is None:
        return lambda doc: True
    if not isinstance(value, dict):
        raise _fail(config, f"{where}: 'select' must be a mapping with keys among {list(SELECT_KEYS)}")
    unknown = sorted(set(value) - set(SELECT_KEYS))
    if unknown:
        raise _fail(config, f"{where}: unknown select key(s) {unknown}; allowed: {list(SELECT_KEYS)}")
    lists = {k: _str_list([str(v) for v in value[k]] if isinstance(value[k], list) else value[k], config,
                          f"{where}: select.{k}") for k in value}  # fmt: skip
    codes = _region_codes(lists.get("region", ()), config, where)
    years = _year_ranges(lists.get("year", ()), config, where)

    def chosen(doc: Source) -> bool:
        if "level" in lists and doc.level not in lists["level"]:
            return False
        if "doc_type" in lists and doc.doc_type not in lists["doc_type"]:
            return False
        if "doc_id" in lists and not any(fnmatchcase(doc.doc_id, p) for p in lists["doc_id"]):
            return False
        if "file" in lists and not any(fnmatchcase(doc.file, p) for p in lists["file"]):
            return False
        if codes and not codes & _ancestry(doc):
            return False
        year = doc.report_year or doc.plan_start
        return not years or (year is not None and any(a <= year <= b for a, b in years))

    return chosen


def _region_codes(names: tuple[str, ...], config: Path, where: str) -> set[str]:

    table, codes = load_regions(), set()
    for name in names:
        region = table.get(name) or table.lookup(name)
        if region is None:
            raise _fail(config, f"{where}: select.region {name!r} is not in data/reference/regions.csv")
        codes.add(region.code)
    return codes


def _ancestry(doc: Source) -> set[str]:

    return {r.code for r in load_regions().chain(doc.admin_code)} | {doc.admin_code}


def _year_ranges(values: tuple[str, ...], config: Path, where: str) -> list[tuple[int, int]]:
    out = []
    for v in values:
        m = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", v.strip())
        if not m:
            raise _fail(config, f"{where}: select.year {v!r} must be a year or a range like 2021-2026")
        out.append((int(m.group(1)), int(m.group(2) or m.group(1))))
    return out


def _output_template(name: str, for_each: str | None, langs: tuple[str, ...], given: str | None) -> str:
    if given:
        return given
    template = name
    if for_each == "document":
        template += "-{doc_id}"
    if len(langs) > 1:
        template += "-{lang}"
    return template


@dataclass(frozen=True)
class _Entry:
    """One validated ``reports:`` entry, before expansion over documents and languages."""

    name: str  # the entry's name: its reports' group and default output name
    where: str  # how messages name the entry: report #3 ('region')
    notebook: Path  # the notebook file, resolved against the project root
    parameters: dict[str, Any]  # parameter values as given; each report adds doc_id and lang
    langs: tuple[str, ...]  # one report per language; empty: one report, language from parameters
    for_each: str | None  # 'document': one report per manifest document; None: a single report
    inputs: tuple[str, ...]  # file patterns (from the root) the report depends on; placeholders allowed
    timeout: int  # seconds per notebook cell
    template: str  # output name with {name}, {doc_id}, {lang} placeholders
    title: str | dict[str, str]  # report title, same placeholders: one template, or one per language (zh, en)
    chosen: Callable[[Source], bool]  # built by default (select:); the others only when asked for


def _notebook(entry: dict[str, Any], where: str, config: Path, root: Path) -> Path:
    nb_rel = entry.get("notebook")
    if not isinstance(nb_rel, str) or not nb_rel:
        raise _fail(config, f"{where}: 'notebook' is required (a path relative to {root})")
    notebook = (root / nb_rel).resolve()
    if not notebook.is_file():
        raise _fail(config, f"{where}: notebook {nb_rel!r} not found (looked at {notebook})")
    return notebook


def _entry(
    entry: dict[str, Any], index: int, config: Path, root: Path, default_inputs: tuple[str, ...], default_timeout: int
) -> _Entry:
    """Check one entry's keys and values; every message names the entry and the config file."""
    name = entry.get("name")
    where = f"report #{index + 1}" + (f" ({name!r})" if isinstance(name, str) else "")
    unknown = sorted(set(entry) - REPORT_KEYS)
    if unknown:
        raise _fail(config, f"{where}: unknown key(s) {unknown}; allowed: {sorted(REPORT_KEYS)}")
    if not isinstance(name, str) or not OUTPUT_RE.match(name):
        raise _fail(config, f"{where}: 'name' must be lower-case letters, digits, '-', '_' or '.', got {name!r}")
    notebook = _notebook(entry, where, config, root)
    parameters = entry.get("parameters") or {}
    if not isinstance(parameters, dict) or not all(isinstance(k, str) for k in parameters):
        raise _fail(config, f"{where}: 'parameters' must be a mapping of names to values")
    langs = _str_list(entry["langs"], config, f"{where}: 'langs'") if "langs" in entry else ()
    if langs and "lang" in parameters:
        raise _fail(config, f"{where}: give the language either in 'langs' or in parameters.lang, not both")
    for_each = entry.get("for_each")
    if for_each is not None and for_each not in FOR_EACH:
        raise _fail(config, f"{where}: for_each must be one of {list(FOR_EACH)}, got {for_each!r}")
    if for_each and "doc_id" in parameters:
        raise _fail(config, f"{where}: for_each: document sets doc_id itself; remove parameters.doc_id")
    inputs = _str_list(entry["inputs"], config, f"{where}: 'inputs'") if "inputs" in entry else default_inputs
    timeout = _positive_int(entry["timeout"], config, f"{where}: 'timeout'") if "timeout" in entry else default_timeout
    output_tpl = entry.get("output")
    if output_tpl is not None and not isinstance(output_tpl, str):
        raise _fail(config, f"{where}: 'output' must be a string such as 'region-{{doc_id}}'")
    title_tpl = entry.get("title") or name
    if isinstance(title_tpl, dict) and all(isinstance(v, str) for v in title_tpl.values()):
        missing = [lang for lang in langs if lang not in title_tpl]
        if missing:
            raise _fail(config, f"{where}: 'title' has no text for language(s) {missing}")
    elif not isinstance(title_tpl, str):
        raise _fail(config, f"{where}: 'title' must be a string or a mapping of language to string")
    if "select" in entry and for_each != "document":
        raise _fail(config, f"{where}: 'select' chooses documents; it needs for_each: document")
    chosen = _selector(entry.get("select"), config, where)
    template = _output_template(name, for_each, langs, output_tpl)
    return _Entry(name, where, notebook, parameters, langs, for_each, inputs, timeout, template, title_tpl, chosen)


def _spec(e: _Entry, doc: Source | None, lang: str | None, config: Path) -> ReportSpec:
    """The report of entry ``e`` for one document (or none) in one language (or the given one)."""
    params = dict(e.parameters)
    fields: dict[str, str] = {"name": e.name, "lang": lang or str(e.parameters.get("lang", ""))}
    if doc is not None:
        params["doc_id"] = doc.doc_id
        fields |= {"doc_id": doc.doc_id, "file": doc.file, "region_zh": doc.region_zh, "region_en": doc.region_en}
    if lang is not None:
        params["lang"] = lang
    try:
        output = e.template.format(**fields)
        # A title per language (a reader of the en report sees an English title), or one for all.
        title_tpl = e.title if isinstance(e.title, str) else e.title.get(fields["lang"], next(iter(e.title.values())))
        title = title_tpl.format(**fields)
        spec_inputs = tuple(p.format(**fields) for p in e.inputs)
    except (KeyError, IndexError, ValueError) as exc:
        raise _fail(config, f"{e.where}: bad placeholder in output/title/inputs: {exc}") from None
    if not OUTPUT_RE.match(output):
        raise _fail(config, f"{e.where}: output name {output!r} is not a portable file name")
    return ReportSpec(
        output=output,
        group=e.name,
        title=title,
        notebook=e.notebook,
        parameters=params,
        inputs=spec_inputs,
        timeout=e.timeout,
        doc_id=doc.doc_id if doc else None,
        on_demand=doc is not None and not e.chosen(doc),
        level=doc.level if doc else "",
        region_code=doc.admin_code if doc else "",
        region_zh=doc.region_zh if doc else "",
    )


def _expand(
    entry: dict[str, Any],
    index: int,
    config: Path,
    root: Path,
    default_inputs: tuple[str, ...],
    default_timeout: int,
    sources: list[Source] | None,
) -> list[ReportSpec]:
    """One entry → its reports: one per document (``for_each``) and language (``langs``)."""
    e = _entry(entry, index, config, root, default_inputs, default_timeout)
    if e.for_each == "document" and sources is None:
        raise _fail(config, f"{e.where}: for_each: document needs the manifest (data/raw/sources.csv)")
    docs: list[Source | None] = list(sources or []) if e.for_each == "document" else [None]
    specs = [_spec(e, doc, lang, config) for doc in docs for lang in e.langs or (None,)]
    _check_parameters(config, e.name, e.notebook, specs[0].parameters if specs else {})
    return specs


def parse_config(data: Any, config: Path, root: Path, sources: list[Source] | None) -> BuildConfig:
    """Validate the parsed YAML ``data`` of ``config`` and expand it into reports."""
    if not isinstance(data, dict):
        raise _fail(config, "the config must be a mapping with a 'reports' list")
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise _fail(config, f"unknown key(s) {unknown}; allowed: {sorted(TOP_KEYS)}")
    timeout = _positive_int(data.get("timeout", DEFAULT_TIMEOUT), config, "'timeout'")
    kernel = data.get("kernel", DEFAULT_KERNEL)
    if not isinstance(kernel, str) or not kernel:
        raise _fail(config, f"'kernel' must be a kernel name such as 'python3', got {kernel!r}")
    preload_raw = data.get("preload", list(DEFAULT_PRELOAD))
    preload = _str_list(preload_raw, config, "'preload'") if preload_raw else ()
    inputs = _str_list(data.get("inputs", list(DEFAULT_INPUTS)), config, "'inputs'")
    entries = data.get("reports")
    if not isinstance(entries, list) or not entries:
        raise _fail(config, "'reports' must be a non-empty list")
    specs: list[ReportSpec] = []
    first_by_output: dict[str, str] = {}
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise _fail(config, f"report #{i + 1} must be a mapping, got {entry!r}")
        for spec in _expand(entry, i, config, root, inputs, timeout, sources):
            if spec.output in first_by_output:
                raise _fail(
                    config,
                    f"two reports would both write {spec.output!r}.html "
                    f"(from {first_by_output[spec.output]!r} and {spec.group!r}); "
                    f"set 'output' with {{doc_id}}/{{lang}} placeholders",
                )
            first_by_output[spec.output] = spec.group
            specs.append(spec)
    return BuildConfig(path=config, root=root, kernel=kernel, preload=preload, timeout=timeout, reports=specs)


def load_config(config: Path, root: Path, sources: list[Source] | None) -> BuildConfig:
    """Read ``config`` (YAML) and validate it; see :func:`parse_config`."""
    return parse_config(read_yaml(config), config, root, sources)


def select(
    specs: list[ReportSpec], only: list[str] | None, config: Path, docs: list[str] | None = None
) -> list[ReportSpec]:
    """The reports to build: by default every report not marked on demand; with ``only``
    (output names, entry names or globs like ``region-*``) or ``docs`` (doc_ids: every report
    of that document) exactly those, on-demand ones included."""
    if not only and not docs:
        return [s for s in specs if not s.on_demand]
    patterns, wanted = only or [], set(docs or [])
    chosen = [
        s
        for s in specs
        if any(fnmatchcase(s.output, p) or fnmatchcase(s.group, p) for p in patterns) or s.doc_id in wanted
    ]
    missing = [p for p in patterns if not any(fnmatchcase(s.output, p) or fnmatchcase(s.group, p) for s in specs)]
    shown = [s.output for s in specs if not s.on_demand][:20]
    if missing:
        raise _fail(config, f"--only {missing} match no report; reports are {shown}")
    unknown = sorted(wanted - {s.doc_id for s in specs if s.doc_id})
    if unknown:
        raise _fail(config, f"--doc {unknown}: no report is made per document for these doc_ids (see sources.csv)")
    return chosen
