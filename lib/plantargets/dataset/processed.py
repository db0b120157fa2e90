"""The processed folder: writing the tables as one set, and rebuilding only when inputs changed.

``write_dataset`` writes indicators/sector mix/quality (CSV and Parquet) with a Frictionless
``datapackage.json`` so that a rebuild is byte-identical; ``build_processed`` skips the whole
extraction when the documents, the manifest and the library are unchanged since the stamp.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pandas as pd

from plantargets import paths
from plantargets.dataset.assemble import Dataset, extract_documents
from plantargets.dataset.datapackage import descriptor
from plantargets.dataset.manifest import Source, load_manifest
from plantargets.fileio import atomic_write_many, atomic_write_text, build_lock, file_sha256


def _csv_bytes(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _parquet_bytes(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.to_parquet(buf, index=False, engine="pyarrow", compression="zstd")
    return buf.getvalue()


def write_dataset(ds: Dataset, out_dir: Path, sources: list[Source] | None = None) -> list[Path]:
    """Write the processed tables as one set (see ``fileio.atomic_write_many``); a rebuild is byte-identical."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    blobs = {
        "indicators.csv": _csv_bytes(ds.indicators),
        "sector_mix.csv": _csv_bytes(ds.sector_mix),
        "quality.csv": _csv_bytes(ds.quality),
        "indicators.parquet": _parquet_bytes(ds.indicators),
    }
    checksums = {name: hashlib.sha256(data).hexdigest() for name, data in blobs.items()}
    package = descriptor(sources or [], checksums)
    blobs["datapackage.json"] = (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    # All five staged first, then renamed: an interrupted write leaves the previous set.
    files = {out_dir / name: data for name, data in blobs.items()}
    atomic_write_many(files)
    return list(files)


def summary(ds: Dataset) -> dict:
    """Counts for the CLI, the report index and closing notes."""
    ind = ds.indicators
    tables = ind[ind["table"] != "prose"]
    coded = (ind["indicator"] != "").mean() if len(ind) else 0.0
    return {
        "documents": len(ds.documents),
        "rows": len(ind),
        "table_rows": len(tables),
        "prose_rows": int((ind["table"] == "prose").sum()),
        "sector_mix_rows": len(ds.sector_mix),
        "findings": len(ds.quality),
        "catalogue_coverage": round(float(coded), 4),
        "rows_by_table": {f"{d}/{t}": int(n) for (d, t), n in ind.groupby(["doc_id", "table"]).size().items()},
        "findings_by_check": {str(k): int(v) for k, v in ds.quality["check"].value_counts().sort_index().items()},
    }


def _inputs_fingerprint(sources: list[Source], manifest: Path) -> str:
    """Hash of everything the processed tables depend on: documents, manifest, library."""
    h = hashlib.sha256()
    files = [manifest, *(s.path for s in sources)]
    files += paths.library_files()
    for f in files:
        h.update(str(f.name).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def build_processed(manifest: Path | None = None, out_dir: Path | None = None, force: bool = False) -> dict:
    """Extract every manifest document into ``out_dir`` unless nothing changed since last time.

    Returns the dataset summary plus ``skipped`` (True when the outputs were up to date) and
    ``replaced`` (the outputs found changed by something other than this function, if any).
    """
    manifest = Path(manifest) if manifest else paths.MANIFEST
    out_dir = Path(out_dir) if out_dir else paths.PROCESSED_DIR
    sources = load_manifest(manifest)
    stamp = out_dir / ".extract.json"
    fingerprint = _inputs_fingerprint(sources, manifest)
    replaced = ""
    if not force and stamp.is_file():
        try:
            previous = json.loads(stamp.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
        previous = previous if isinstance(previous, dict) else {}
        changed = changed_outputs(out_dir, previous.get("outputs"))
        if previous.get("fingerprint") == fingerprint and not changed:
            return {**previous.get("summary", {}), "skipped": True}
        replaced = ", ".join(changed) if previous.get("fingerprint") == fingerprint else ""
    with build_lock(out_dir / ".extract.lock", "data extraction"):
        ds = extract_documents((s.path, s) for s in sources)
        written = write_dataset(ds, out_dir, sources)
        info = summary(ds)
        stamp_data = {"fingerprint": fingerprint, "summary": info, "outputs": output_digests(written)}
        atomic_write_text(stamp, json.dumps(stamp_data, ensure_ascii=False, indent=2, sort_keys=True))
    return {**info, "skipped": False, "replaced": replaced}


def output_digests(files: list[Path]) -> dict[str, str]:
    """sha256 of each written output, recorded in the stamp so ``data`` can tell its own files."""
    return {f.name: file_sha256(f) for f in sorted(files)}


def changed_outputs(out_dir: Path, recorded: object) -> list[str]:
    """Outputs missing or different from what the last ``data`` run wrote (all of them without a record).

    ``extract --out data/processed`` or a hand copy would otherwise pass for an up-to-date
    dataset, and ``build`` would publish reports from it (issue 16, case 3).
    """
    if not isinstance(recorded, dict) or not recorded:
        return ["no record of the outputs"]
    changed = [name for name in sorted(recorded) if not (out_dir / name).is_file()]
    changed += [n for n in sorted(recorded) if n not in changed and file_sha256(out_dir / n) != recorded[n]]
    return changed


__all__ = ["build_processed", "summary", "write_dataset"]
