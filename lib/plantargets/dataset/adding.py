"""Adding a new raw document: copy it into data/raw, record it in the manifest, extract it.

Raw documents are immutable and every number is attributed to a region through the
manifest, so adding one is a single careful step: the file is copied byte for byte (never
over a different file of the same name, never twice under two names), its checksum, size
and the date are recorded, the metadata that can be read from the text (region, document
type, plan period, report year) is guessed and the rest asked for, and the new row is
validated like every other before the manifest is rewritten atomically.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from plantargets import paths
from plantargets.dataset.assemble import Dataset, DocumentResult, extract_document
from plantargets.dataset.checks import run_checks
from plantargets.dataset.manifest import (
    CODE_RE,
    COLUMNS,
    DOC_ID_RE,
    DOC_TYPES,
    FIELD_RULES,
    PERIOD_RE,
    Source,
    field_problem,
    validate_row,
)
from plantargets.dataset.manifest_io import check_file_name, check_row_text, manifest_lock, read_records
from plantargets.dataset.processed import summary
from plantargets.dataset.regions import load_regions
from plantargets.errors import InputError, ManifestError
from plantargets.extract.context import guess_context
from plantargets.fileio import atomic_write_bytes, atomic_write_text, file_sha256
from plantargets.read.dispatch import read_any
from plantargets.read.text import Document
from plantargets.vocab.columns import (
    INDICATOR_COLUMNS,
    QUALITY_COLUMNS,
    SECTOR_MIX_COLUMNS,
    typed_indicators,
    typed_quality,
    typed_sector_mix,
)
from plantargets.vocab.periods import plan_number

# Fields a manifest row needs, with the CLI flag that sets each (for messages and prompts).
FLAGS = {
    "doc_id": "--doc-id",
    "region_zh": "--region",
    "region_en": "--region-en",
    "admin_code": "--admin-code",
    "level": "--level",
    "parent_code": "--parent",
    "doc_type": "--doc-type",
    "period": "--period",
    "report_year": "--year",
    "published": "--published",
    "note": "--note",
}


@dataclass
class AddResult:
    """What ``add_document`` did and found."""

    source: Source
    copied: bool  # False when an identical file of that name was already in data/raw
    guessed: dict[str, str] = field(default_factory=dict)  # field -> value read from the text
    summary: dict = field(default_factory=dict)  # dataset.summary() of this document
    tables: list[tuple[str, str, int]] = field(default_factory=list)  # (table, title, rows)
    warnings: list[str] = field(default_factory=list)


def guess_metadata(doc: Document) -> dict[str, str]:
    """Region, document type, plan period and report year as far as the text says them.

    The guess itself is ``extract.context.guess_context`` (one owner); this spells it as
    manifest fields, leaving out what the text does not say and types the manifest lacks.
    """
    guess = guess_context(doc)
    out: dict[str, str] = {}
    if guess.region:
        out["region_zh"] = guess.region
    if guess.doc_type in DOC_TYPES:
        out["doc_type"] = guess.doc_type
    if guess.doc_type == "work_report" and guess.year:
        out["report_year"] = str(guess.year)
    if guess.plan_period:
        out["period"] = "{}-{}".format(*guess.plan_period)
    if guess.published:
        out["published"] = guess.published
    return out


def _derived(row: dict[str, str]) -> dict[str, str]:
    """Code, level, parent and English name from the region table (data/reference/regions.csv),
    by code or by name; for a code not in the table, level and parent from the code's structure
    (XX0000 province, XXXX00 prefecture)."""

    code = row.get("admin_code", "")
    table = load_regions()
    region = table.get(code) if code else table.lookup(row.get("region_zh", ""))
    if region is not None:
        return {
            "admin_code": region.code,
            "level": region.level,
            "parent_code": region.parent_code,
            "region_en": region.name_en,
        }
    if not CODE_RE.match(code):
        return {}
    if code.endswith("0000"):
        return {"level": "province"}
    if code.endswith("00"):
        return {"level": "prefecture", "parent_code": code[:2] + "0000"}
    return {"level": "county", "parent_code": code[:4] + "00"}


def _suggest_doc_id(row: dict[str, str], taken: set[str]) -> str:
    """'hure-fyp14' from region_en 'Hure (Kulun) Banner' and a 2021-2025 outline."""
    words = re.sub(r"\([^)]*\)", " ", row.get("region_en", "")).lower().split()
    if not words:
        return ""
    stem = re.sub(r"[^a-z0-9]+", "", words[0])
    m = PERIOD_RE.match(row.get("period", ""))
    if row.get("doc_type") == "fyp_outline" and m:
        suffix = f"fyp{plan_number(int(m.group(1)))}"
    elif row.get("doc_type") == "work_report" and row.get("report_year"):
        suffix = f"gwr{row['report_year']}"
    else:
        return ""
    doc_id = f"{stem}-{suffix}"
    return doc_id if DOC_ID_RE.match(doc_id) and doc_id not in taken else ""


def _required(row: dict[str, str]) -> list[str]:
    needed = ["doc_id", "region_zh", "region_en", "admin_code", "level", "doc_type"]
    if row.get("doc_type") == "fyp_outline":
        needed.append("period")
    if row.get("doc_type") == "work_report":
        needed.append("report_year")
    return [f for f in needed if not row.get(f)]


def _read_manifest(manifest: Path) -> tuple[list[str], list[dict[str, str]]]:
    if not manifest.is_file():
        return list(COLUMNS), []
    header, records = read_records(manifest)
    return header or list(COLUMNS), [{str(k): v or "" for k, v in r.items() if k} for _, r in records]


def _manifest_text(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(COLUMNS), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow({c: r.get(c) or "" for c in COLUMNS})
    return buf.getvalue()


def add_document(
    path: str | Path,
    *,
    metadata: dict[str, str] | None = None,
    yes: bool = False,
    ask: Callable[[str], str] | None = input,
    raw_dir: Path | None = None,
    today: dt.date | None = None,
) -> AddResult:
    """Copy ``path`` into ``raw_dir`` (data/raw), add its manifest row and extract it.

    ``metadata`` holds manifest fields given on the command line (keys as in
    manifest.COLUMNS); what is missing is guessed from the text, then asked for with
    ``ask`` (``input``) unless ``yes``, in which case an error lists the missing fields.
    Raises InputError for an unreadable document, a file already added (same checksum),
    or a different file of the same name in ``raw_dir``; ManifestError for an invalid row.
    """
    path = Path(path)
    raw_dir = Path(raw_dir) if raw_dir else paths.RAW_DIR
    manifest = raw_dir / "sources.csv"
    if not path.is_file():
        raise InputError("no such file", file=path)
    check_file_name(path.name, path)
    with manifest_lock(raw_dir):  # two `add` at once must not lose a row (read-modify-write)
        source, copied, guessed, doc, dest = _record(path, raw_dir, manifest, metadata, yes, ask, today)
    doc.path = dest
    result = AddResult(source, copied, guessed, warnings=list(doc.warnings))
    res = extract_document(doc, source)
    result.tables = [(t.table, t.title, len(t.rows)) for t in res.tables]
    result.summary = _summary(res)
    return result


def _record(
    path: Path,
    raw_dir: Path,
    manifest: Path,
    metadata: dict[str, str] | None,
    yes: bool,
    ask: Callable[[str], str] | None,
    today: dt.date | None,
) -> tuple[Source, bool, dict[str, str], Document, Path]:
    """Copy the file and append its manifest row (called under the manifest lock)."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    header, rows = _read_manifest(manifest)
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        raise ManifestError(f"unknown column(s) {unknown}; expected {list(COLUMNS)}", file=manifest, line=1)
    for r in rows:
        existing = raw_dir / (r.get("file") or "")
        known = r.get("sha256") or (file_sha256(existing) if existing.is_file() else "")
        if known == digest:
            raise InputError(
                f"this document is already in the manifest as doc_id {r.get('doc_id')!r} (file {r.get('file')}, "
                "same sha256); nothing added",
                file=path,
            )
    dest = raw_dir / path.name
    if dest.exists() and file_sha256(dest) != digest:
        raise InputError(
            f"{dest} already exists with different content; rename the new file (raw documents are never overwritten)",
            file=path,
        )
    doc = read_any(path)  # an unreadable document is refused before anything is written
    row = {k: (v or "").strip() for k, v in (metadata or {}).items() if k in COLUMNS}
    row = {k: v for k, v in row.items() if v}
    guessed = {k: v for k, v in guess_metadata(doc).items() if k not in row}
    row = {**guessed, **row}
    derived = {k: v for k, v in _derived(row).items() if k not in row}
    guessed.update(derived)
    row.update(derived)
    taken = {r.get("doc_id", "") for r in rows}
    _fill(row, guessed, taken, yes, ask)
    if row["doc_id"] in taken:
        raise InputError(f"doc_id {row['doc_id']!r} is already used in {manifest}; choose another with --doc-id")
    row.update(file=path.name, sha256=digest, size=str(len(data)), added=(today or dt.date.today()).isoformat())
    check_row_text(row, manifest)
    copied = not dest.exists()
    if copied:
        atomic_write_bytes(dest, data)
    try:  # no orphan copy in data/raw: whatever fails from here removes it
        source = validate_row(row, raw_dir, manifest, len(rows) + 2)
        atomic_write_text(manifest, _manifest_text([*rows, row]))
    except BaseException:
        if copied:
            dest.unlink(missing_ok=True)
        raise
    return source, copied, guessed, doc, dest


def _fill(
    row: dict[str, str], guessed: dict[str, str], taken: set[str], yes: bool, ask: Callable[[str], str] | None
) -> None:
    """Ask for each missing field (checked as it is typed), or fail listing them all."""
    while True:
        if not row.get("doc_id"):
            suggestion = _suggest_doc_id(row, taken)
            if suggestion:
                row["doc_id"] = guessed["doc_id"] = suggestion
        missing = _required(row)
        if not missing:
            return
        if yes or ask is None:
            flags = ", ".join(f"{FLAGS[f]} ({f})" for f in missing)
            raise InputError(f"cannot add without {flags}: not given and not readable from the text")
        name = missing[0]
        rule = FIELD_RULES.get(name)
        expected = rule.expected if rule else "a value"
        for _ in range(3):
            answer = ask(f"{name} ({expected}): ").strip()
            if answer and field_problem(name, answer) is None:
                row[name] = answer
                break
        else:
            raise InputError(f"no valid {name} given ({expected}); pass it with {FLAGS[name]}")
        if name == "admin_code":
            row.update({k: v for k, v in _derived(row).items() if not row.get(k)})


def _summary(res: DocumentResult) -> dict:
    """dataset.summary() for one extracted document (quality checks included)."""
    indicators = typed_indicators(pd.DataFrame(res.records, columns=INDICATOR_COLUMNS))
    mix = typed_sector_mix(pd.DataFrame(res.sector_mix, columns=SECTOR_MIX_COLUMNS))
    found = typed_quality(pd.DataFrame(res.quality, columns=QUALITY_COLUMNS))
    checks = typed_quality(run_checks(indicators, mix))
    quality = pd.concat([found, checks], ignore_index=True) if len(checks) else found
    return summary(Dataset(indicators, mix, quality, [res.context]))
