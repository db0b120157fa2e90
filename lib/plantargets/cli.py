"""The ``plantargets`` command: thin wrappers over library functions."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from plantargets import __version__, paths
from plantargets.dataset.freshness import up_to_date
from plantargets.dataset.manifest import load_manifest, manifest_by_file
from plantargets.errors import PlanTargetsError


def _cmd_extract(args: argparse.Namespace) -> int:
    # late: the extraction stages import pandas (~0.5 s); --help and validate stay instant
    from plantargets.dataset.assemble import extract_documents
    from plantargets.dataset.processed import summary, write_dataset

    by_file = {}
    if paths.MANIFEST.is_file():
        try:
            by_file = manifest_by_file(load_manifest())
        except PlanTargetsError:
            by_file = {}
    items = []
    for p in args.paths:
        path = Path(p)
        if not path.is_file():
            raise PlanTargetsError(f"{path}: no such file")
        src = by_file.get(path.name)
        items.append((path, src if src is not None and src.path.resolve() == path.resolve() else None))
    out = _extract_out(Path(args.out))
    t0 = time.perf_counter()
    ds = extract_documents(items)
    write_dataset(ds, out, [s for _, s in items if s is not None])
    info = summary(ds)
    info["seconds"] = round(time.perf_counter() - t0, 3)
    print(json.dumps(info, ensure_ascii=False, indent=2))
    return 0


def _extract_out(out: Path) -> Path:
    """``extract --out``: a folder, and never the project's own data/processed or reports.

    Writing there would replace the dataset behind ``data`` and ``build`` (issue 16, case 3).
    """
    if out.exists() and not out.is_dir():
        raise PlanTargetsError(f"--out {out}: is a file, not a folder")
    resolved = out.resolve()
    for owned, by in ((paths.PROCESSED_DIR, "plantargets data"), (paths.REPORTS_DIR, "plantargets build")):
        owned = owned.resolve()
        if resolved == owned or owned in resolved.parents:
            raise PlanTargetsError(
                f"--out {out}: overlaps {owned}, which only `{by}` writes; choose another folder (e.g. /tmp/out)"
            )
    return out


def _cmd_data(args: argparse.Namespace) -> int:

    t0 = time.perf_counter()
    sources = None if args.force else load_manifest()
    info = None if sources is None else up_to_date(sources)
    if info is None:
        from plantargets.dataset.processed import build_processed  # late: pandas (~0.5 s)

        info = build_processed(force=args.force, jobs=args.jobs, sources=sources)
        if info.get("replaced"):
            print(f"data/processed had been changed outside `plantargets data` ({info['replaced']}); rebuilt it")
    else:
        info["skipped"] = True
    if info.get("skipped"):
        print("data/processed is up to date (documents, manifest and library unchanged); use --force to rebuild")
    else:
        print(
            f"extracted {info['documents']} documents: {info['rows']} rows "
            f"({info['table_rows']} from tables, {info['prose_rows']} from prose), "
            f"{info['sector_mix_rows']} sector-mix rows, {info['findings']} quality findings, "
            f"catalogue coverage {info['catalogue_coverage']:.0%} in {time.perf_counter() - t0:.2f}s"
        )
        if args.timings:
            print(_timings_line(info["timings"], time.perf_counter() - t0))
    return 0


def _timings_line(timings: dict, total: float) -> str:
    """Where a build's wall time went, phase by phase (``plantargets data --timings``)."""
    seconds = timings["seconds"]

    def documents(n: int) -> str:
        return f" ({n} document{'' if n == 1 else 's'})"

    counts = {"cache read": documents(timings["cached"]), "extraction": documents(timings["extracted"])}
    phases = [f"{phase} {s:.2f}{counts.get(phase, '')}" for phase, s in seconds.items()]
    before = total - sum(seconds.values())
    return (
        f"timings (wall s): manifest, imports and freshness check {before:.2f}, "
        + ", ".join(phases)
        + f"; total {total:.2f} (interpreter start-up not included)"
    )


def _cmd_validate(args: argparse.Namespace) -> int:
    sources = load_manifest(Path(args.manifest) if args.manifest else None)
    print(f"manifest OK: {len(sources)} documents")
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from plantargets.dataset.processed import build_processed  # late: pandas (~0.5 s)
    from plantargets.reports.build import build_reports  # late: Jinja, nbconvert (0.16 s `data` does not need)

    def extract() -> dict:
        return build_processed(force=args.force, jobs=max(2, args.jobs))

    result = build_reports(
        Path(args.config) if args.config else None,
        force=args.force,
        jobs=args.jobs,
        with_code=args.with_code,
        only=args.only or None,
        docs=args.doc or None,
        progress=not args.no_progress,
        timeout=args.timeout,
        extract=extract,
    )
    print(result.summary())
    return 0 if result.ok else 1


# The options of `plantargets add`: option -> (manifest column it fills, help). A missing one is
# read from the text or derived from the code where the help says so.
_ADD_OPTIONS = {
    "--doc-id": ("doc_id", "manifest id, e.g. hure-fyp14 (suggested from --region-en)"),
    "--region": ("region_zh", "region name in Chinese, e.g. 库伦旗 (read from the title)"),
    "--region-en": ("region_en", "region name in English, e.g. 'Hure (Kulun) Banner'"),
    "--admin-code": ("admin_code", "six-digit GB/T 2260 code of the region"),
    "--level": ("level", "national / province / prefecture / county (derived from the code)"),
    "--parent": ("parent_code", "parent region's code (derived from the code)"),
    "--doc-type": ("doc_type", "fyp_outline or work_report (read from the title)"),
    "--year": ("report_year", "a work report's year (read from the title or date)"),
    "--period": ("period", "plan period, e.g. 2021-2025 (read from 十四五 mentions)"),
    "--published": ("published", "publication date YYYY[-MM[-DD]]"),
    "--note": ("note", "free-text note for the manifest"),
}


def _option_dest(option: str) -> str:
    """argparse's attribute for an option: '--doc-id' → 'doc_id'."""
    return option.lstrip("-").replace("-", "_")


def _cmd_add(args: argparse.Namespace) -> int:
    from plantargets.dataset.adding import add_document  # late: pandas (~0.5 s)

    metadata = {column: getattr(args, _option_dest(option)) or "" for option, (column, _) in _ADD_OPTIONS.items()}
    result = add_document(args.file, metadata=metadata, yes=args.yes)
    s = result.source
    print(f"added {s.file} as {s.doc_id} ({s.region_zh}, {s.doc_type} {s.period or s.report_year or ''})".rstrip())
    print(f"  {'copied to' if result.copied else 'already in'} {s.path}; sha256 {s.sha256}, {s.size} bytes")
    if result.guessed:
        print("  read from the text: " + ", ".join(f"{k}={v}" for k, v in result.guessed.items()))
    for warning in result.warnings:
        print(f"  warning: {warning}")
    info = result.summary
    for table, title, rows in result.tables:
        print(f"  table {table}: {rows} rows" + (f" ({title})" if title else ""))
    print(
        f"  {info['rows']} rows ({info['table_rows']} from {len(result.tables)} tables, {info['prose_rows']} from prose), "
        f"catalogue coverage {info['catalogue_coverage']:.0%}, {info['findings']} quality findings"
        + (": " + ", ".join(f"{k} {v}" for k, v in info["findings_by_check"].items()) if info["findings"] else "")
    )
    print("  `plantargets build` will include it in the dataset and reports")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from plantargets.dataset.importer import import_folder, unplaced_report

    t0 = time.perf_counter()
    result = import_folder(args.folder, jobs=args.jobs, refresh=args.refresh)
    print(
        f"imported {len(result.added)} documents, {result.unchanged} already in the manifest, "
        f"{len(result.unplaced)} not placed, {len(result.skipped)} skipped "
        f"({time.perf_counter() - t0:.1f}s)"
        + (f"; {result.copied} files copied into data/raw" if result.copied else "")
    )
    if args.refresh:
        print(f"  re-placed {result.refreshed} documents already in the manifest: {result.changed} rows changed")
    for u in result.skipped:
        print(f"  skipped: {u.file}: {u.reason}")
    for line in unplaced_report(result):
        print(line)
    return 1 if result.unplaced else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="plantargets", description=__doc__)
    parser.add_argument("--version", action="version", version=f"plantargets {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract any documents into a folder of processed tables")
    p.add_argument("paths", nargs="+", help="document files (.txt, .docx, .pdf, .html)")
    p.add_argument("--out", required=True, help="output folder")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("add", help="copy a document into data/raw, record it in the manifest and extract it")
    p.add_argument("file", help="the document (.txt, .docx, .pdf, .html)")
    for option, (_, text) in _ADD_OPTIONS.items():
        p.add_argument(option, help=text)
    p.add_argument("--yes", action="store_true", help="never ask: fail listing what is missing")
    p.set_defaults(func=_cmd_add)

    p = sub.add_parser("import", help="place every document of a folder and add it to the manifest")
    p.add_argument("folder", help="a folder of documents (copied into data/raw when outside it)")
    p.add_argument("--jobs", "-j", type=int, default=2, help="documents read in parallel")
    p.add_argument("--refresh", action="store_true", help="re-place documents already in the manifest")
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser("data", help="extract the manifest's documents into data/processed (incremental)")
    p.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    p.add_argument("--jobs", "-j", type=int, default=2, help="documents extracted in parallel (default 2)")
    p.add_argument("--timings", action="store_true", help="print the wall seconds of each phase of the build")
    p.set_defaults(func=_cmd_data)

    p = sub.add_parser("validate", help="validate data/raw/sources.csv")
    p.add_argument("--manifest", help="another manifest file")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("build", help="build the dataset and every HTML report (incremental)")
    p.add_argument("--config", help="report config (default: reports.yml)")
    p.add_argument("--force", action="store_true", help="rebuild everything")
    p.add_argument("--jobs", "-j", type=int, default=1, help="notebooks executed in parallel")
    p.add_argument("--with-code", action="store_true", help="keep code cells in the HTML")
    p.add_argument("--only", action="append", help="build only this report (repeatable)")
    p.add_argument("--doc", action="append", help="build the reports of this document (doc_id; repeatable)")
    p.add_argument("--timeout", type=int, default=None, help="per-cell timeout in seconds")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_build)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except PlanTargetsError as exc:
        print(f"plantargets: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # read-only folder, full disk, ...: one line naming the file, no traceback
        where = exc.filename or ""
        print(f"plantargets: error: {where}{': ' if where else ''}{exc.strerror or exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
