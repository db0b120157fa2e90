"""The manifest of raw documents (``data/raw/sources.csv``), validated on load.

A bad manifest stops the build with a message naming the row (its CSV line number and
doc_id), because every later number is attributed to a region through it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from plantargets import paths
from plantargets.dataset import checksums
from plantargets.dataset.checksums import checksum
from plantargets.dataset.manifest_io import read_records
from plantargets.dataset.regions import load_regions
from plantargets.errors import ManifestError
from plantargets.fileio import file_sha256  # noqa: F401 (tests and callers import it from here)
from plantargets.vocab.periods import plan_number

COLUMNS = (
    "file",
    "doc_id",
    "region_zh",
    "region_en",
    "admin_code",
    "level",
    "parent_code",
    "doc_type",
    "period",
    "report_year",
    "published",
    "sha256",
    "size",
    "added",
    "note",
    # Added by `plantargets import`: the year the file name gives (report_year is the year the
    # text states; they differ for a mislabelled file), the front-matter title, and where the
    # file came from (repository, commit, path there).
    "file_year",
    "title",
    "upstream_repo",
    "upstream_commit",
    "upstream_path",
)
# Whole numbers (a year, a size in bytes); empty means unknown (None).
INT_COLUMNS = ("report_year", "size", "file_year")
REQUIRED = ("file", "doc_id", "region_zh", "region_en", "admin_code", "level", "doc_type")
# GB/T 2260 levels that plan documents are issued at; 'county' covers districts and banners.
LEVELS = ("national", "province", "prefecture", "county")
DOC_TYPES = ("fyp_outline", "work_report")
DOC_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,40}$")  # e.g. kizilsu-fyp14, gwr-310000-2003 (sources.csv)
CODE_RE = re.compile(r"^\d{6}$")  # GB/T 2260 division code, e.g. 410000 for 河南省
PERIOD_RE = re.compile(r"^(\d{4})-(\d{4})$")  # plan period: first and last year, 2021-2025
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # 2023, 2023-01 or 2023-01-15 (as precise as known)
YEAR_RE = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True)
class FieldRule:
    """What a valid value of one manifest field looks like (for checks, messages and prompts)."""

    accepts: Callable[[str], bool]
    expected: str  # completes "<field> '<value>' must be ..."

    @classmethod
    def matching(cls, pattern: re.Pattern[str], expected: str, *, optional: bool = False) -> FieldRule:
        """A field whose value ``pattern`` matches; ``optional``: an empty value is valid too."""
        if optional:
            return cls(lambda v: not v or bool(pattern.match(v)), expected)
        return cls(lambda v: bool(pattern.match(v)), expected)


def _five_year_span(value: str) -> bool:
    m = PERIOD_RE.match(value)
    return m is not None and int(m.group(2)) - int(m.group(1)) == 4


# The one statement of each field's format: validate_row checks with it, and
# ``plantargets add`` checks what a person types with it. Empty optional fields are valid.
FIELD_RULES: dict[str, FieldRule] = {
    "doc_id": FieldRule.matching(DOC_ID_RE, "lower-case letters, digits and '-'"),
    "level": FieldRule(lambda v: v in LEVELS, "one of " + ", ".join(LEVELS)),
    "doc_type": FieldRule(lambda v: v in DOC_TYPES, "one of " + ", ".join(DOC_TYPES)),
    "admin_code": FieldRule.matching(CODE_RE, "a six-digit GB/T 2260 code"),
    "parent_code": FieldRule.matching(CODE_RE, "a six-digit code or empty", optional=True),
    "period": FieldRule(_five_year_span, "a five-year span like 2021-2025"),
    "report_year": FieldRule.matching(YEAR_RE, "a year like 2023"),
    "published": FieldRule.matching(DATE_RE, "YYYY, YYYY-MM or YYYY-MM-DD", optional=True),
    "size": FieldRule(lambda v: not v or v.isdigit(), "a number of bytes"),
    "added": FieldRule.matching(DATE_RE, "YYYY-MM-DD", optional=True),
    "file_year": FieldRule(lambda v: not v or bool(re.fullmatch(r"\d{4}", v)), "a year"),
}


def field_problem(name: str, value: str) -> str | None:
    """Why ``value`` is not valid for manifest field ``name``, or None when it is (or has no rule)."""
    rule = FIELD_RULES.get(name)
    if rule is None or rule.accepts(value):
        return None
    return f"{name} {value!r} must be {rule.expected}"


@dataclass(frozen=True)
class Source:
    """One raw document and what we know about it."""

    file: str
    doc_id: str
    region_zh: str
    region_en: str
    admin_code: str
    level: str
    parent_code: str
    doc_type: str
    period: str
    report_year: int | None
    published: str
    sha256: str
    note: str
    path: Path
    size: int | None = None  # bytes, as recorded when the file was added
    added: str = ""  # date the file was added to data/raw (YYYY-MM-DD)
    file_year: int | None = None  # the year in the file name, as given (report_year: as stated)
    title: str = ""
    upstream_repo: str = ""
    upstream_commit: str = ""
    upstream_path: str = ""

    @property
    def plan_start(self) -> int | None:
        m = PERIOD_RE.match(self.period)
        return int(m.group(1)) if m else None

    @property
    def plan_end(self) -> int | None:
        m = PERIOD_RE.match(self.period)
        return int(m.group(2)) if m else None

    @property
    def plan_number(self) -> int | None:
        """Five-year plan number: the 14th plan covers 2021-2025."""
        return plan_number(self.plan_start) if self.plan_start else None


def _row_error(manifest: Path, lineno: int, row: dict[str, str], msg: str) -> ManifestError:
    who = row.get("doc_id") or row.get("file") or "?"
    return ManifestError(f"row for {who!r}: {msg}", file=manifest, line=lineno)


def raw_path(file: str, raw_dir: Path) -> Path | None:
    """The document a manifest ``file`` names, or None when it would leave ``raw_dir``.

    A seed sits at the top of data/raw (``000_8b2e….txt``); an imported corpus keeps its
    folders (``lawtext-gov/政府工作报告-省自治区/新疆维吾尔自治区/2019.md``). Absolute paths,
    backslashes and ``..`` are refused, and so is a symlink that resolves outside.
    """
    parts = file.split("/")
    if not file or "\\" in file or file.startswith("/") or any(p in ("", ".", "..") for p in parts):
        return None
    if re.match(r"^[A-Za-z]:", file):
        return None
    path = raw_dir.joinpath(*parts)
    # Only a symlink can lead out now; folders are resolved once each (a corpus has ~100).
    real = path.resolve() if path.is_symlink() else _resolved_dir(path.parent) / path.name
    try:
        real.relative_to(_resolved_dir(raw_dir))
    except ValueError:
        return None
    return path


@lru_cache(maxsize=4096)
def _resolved_dir(folder: Path) -> Path:
    return folder.resolve()


def validate_row(row: dict[str, str], raw_dir: Path, manifest: Path, lineno: int) -> Source:
    """Check one manifest row; raise ManifestError naming the row on the first problem."""
    for col in REQUIRED:
        if not (row.get(col) or "").strip():
            raise _row_error(manifest, lineno, row, f"column {col!r} is empty")
    r = {k: (row.get(k) or "").strip() for k in COLUMNS}
    checked = ["doc_id", "level", "doc_type", "admin_code", "parent_code", "published", "size", "added", "file_year"]
    checked += ["period"] if r["doc_type"] == "fyp_outline" else []
    checked += ["report_year"] if r["report_year"] else []
    for name in checked:
        problem = field_problem(name, r[name])
        if problem:
            raise _row_error(manifest, lineno, row, problem)
    if not r["report_year"] and r["doc_type"] == "work_report":
        raise _row_error(manifest, lineno, row, "a work_report needs its report_year")
    path = raw_path(r["file"], raw_dir)
    if path is None:
        raise _row_error(
            manifest, lineno, row, f"file {r['file']!r} must be a relative path inside {raw_dir} ('/'-separated)"
        )
    if not path.is_file():
        raise _row_error(manifest, lineno, row, f"file {r['file']!r} does not exist in {raw_dir}")
    if r["sha256"] and r["sha256"] != checksum(path):
        raise _row_error(
            manifest, lineno, row, f"file {r['file']!r} changed: its sha256 no longer matches the manifest"
        )
    # The row's columns are Source's fields (COLUMNS), each once; only whole numbers change type.
    fields: dict[str, Any] = {k: (int(v) if v else None) if k in INT_COLUMNS else v for k, v in r.items()}
    return Source(**fields, path=path)


def _check_region(src: Source, manifest: Path, lineno: int, row: dict[str, str]) -> None:
    """A region of data/reference/regions.csv has its level and parent from there.

    A code the table does not know is accepted as given (a county added by hand), and so is
    every code in a project without a region table.
    """

    if not (paths.REFERENCE_DIR / "regions.csv").is_file():
        return
    region = load_regions().get(src.admin_code)
    if region is None:
        return
    if src.level != region.level or src.parent_code != region.parent_code:
        raise _row_error(
            manifest,
            lineno,
            row,
            f"admin_code {src.admin_code} is {region.name_zh}: level {region.level!r} and parent "
            f"{region.parent_code or '(none)'!r} in data/reference/regions.csv, not {src.level!r} and "
            f"{src.parent_code or '(none)'!r}",
        )


def manifest_raw_dir(manifest: Path) -> Path:
    """Where a manifest's files are: data/raw for the project's manifest (wherever
    ``PLANTARGETS_MANIFEST`` puts it), else the manifest's own folder."""
    return paths.RAW_DIR if Path(manifest) == paths.MANIFEST else Path(manifest).parent


def load_manifest(manifest: Path | None = None, raw_dir: Path | None = None) -> list[Source]:
    """Read and validate the manifest; the order of rows is kept."""
    manifest = Path(manifest) if manifest else paths.MANIFEST
    raw_dir = Path(raw_dir) if raw_dir else manifest_raw_dir(manifest)
    if not manifest.is_file():
        raise ManifestError("manifest not found", file=manifest)
    header, records = read_records(manifest)  # physical lines; clear errors for encodings and huge fields
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        raise ManifestError(f"unknown column(s) {unknown}; expected {list(COLUMNS)}", file=manifest, line=1)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ManifestError(f"missing column(s) {missing}", file=manifest, line=1)
    sources: list[Source] = []
    seen: dict[str, int] = {}
    seen_files: dict[str, int] = {}
    for i, raw in records:
        if None in raw:
            raise _row_error(
                manifest, i, {str(k): str(v) for k, v in raw.items() if k}, "has more cells than the header"
            )
        row = {str(k): v or "" for k, v in raw.items()}
        src = validate_row(row, raw_dir, manifest, i)
        _check_region(src, manifest, i, row)
        if src.doc_id in seen:
            raise _row_error(manifest, i, row, f"duplicate doc_id {src.doc_id!r} (first on line {seen[src.doc_id]})")
        if src.file in seen_files:
            raise _row_error(
                manifest, i, row, f"file {src.file!r} is listed twice (first on line {seen_files[src.file]})"
            )
        seen[src.doc_id] = i
        seen_files[src.file] = i
        sources.append(src)
    checksums.save()
    return sources


def manifest_by_file(sources: list[Source]) -> dict[str, Source]:
    return {s.file: s for s in sources}
