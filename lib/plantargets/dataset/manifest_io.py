"""Reading and rewriting ``sources.csv`` safely: encodings, physical lines, names, one writer at a time.

The manifest is edited by hand (often in Excel) and rewritten by ``plantargets add``. Each
failure mode found in an adversarial pass gets a clear :class:`ManifestError` or
:class:`InputError` here instead of a traceback or a silently corrupted file:

* Excel on Chinese Windows saves CSV as GB18030 or UTF-16: refused, saying how to re-save;
* a field larger than the csv module's limit (128 KiB): refused naming the line;
* errors name the *physical* line a person finds in an editor (a blank line or a multi-line
  note shifts CSV record numbers);
* a file name with control characters (CR, LF), undecodable bytes or too long for the
  temporary names we write beside it is refused before anything is copied;
* two ``add`` at once: :func:`manifest_lock` serialises the read-modify-write.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import fcntl
import io
import os
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from plantargets.errors import InputError, ManifestError

# Bytes in a file name we accept: the file system allows 255, and atomic writes stage the file
# as ``.<name>.<random>.tmp`` beside it (about 14 bytes more).
MAX_NAME_BYTES = 200
# How long ``add`` waits for another ``add`` (a slow .docx) to finish with the manifest.
LOCK_WAIT_SECONDS = 600.0
LOCK_NAME = ".sources.csv.lock"


def decode_manifest(data: bytes, manifest: Path) -> str:
    """The manifest's text; UTF-8 (with or without BOM) only, other encodings named in the error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ManifestError(
            "the manifest is saved as UTF-16 (Excel's 'Unicode Text'); save it as 'CSV UTF-8' instead", file=manifest
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            data.decode("gb18030")
            hint = "it looks like GB18030/GBK, as Excel on Chinese Windows saves CSV"
        except UnicodeDecodeError:
            hint = "its bytes are not text in UTF-8"
        raise ManifestError(
            f"the manifest is not UTF-8 ({hint}); save it as 'CSV UTF-8'", file=manifest, line=line
        ) from None


def read_records(manifest: Path) -> tuple[list[str], list[tuple[int, dict[str, str | None]]]]:
    """Header and ``(physical line, row)`` pairs; blank lines are skipped but counted.

    A row's line is where its record *starts*, so a multi-line note or a blank line above it
    does not shift the number a person looks for. Extra cells are under the key ``None``
    (as ``csv.DictReader`` does).
    """
    try:
        data = Path(manifest).read_bytes()
    except OSError as exc:
        raise ManifestError(f"cannot read the manifest: {exc.strerror}", file=manifest) from None
    reader = csv.reader(io.StringIO(decode_manifest(data, manifest), newline=""))
    header: list[str] = []
    rows: list[tuple[int, dict[str, str | None]]] = []
    end = 0
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num
            if not cells:
                continue
            if not header:
                header = cells
                continue
            row: dict[str, str | None] = dict(zip(header, cells, strict=False))
            row.update({c: None for c in header[len(cells) :]})
            if len(cells) > len(header):
                row[None] = cells[len(header) :]  # type: ignore[index,assignment]
            rows.append((start, row))
    except csv.Error as exc:
        raise ManifestError(f"not a readable CSV record: {exc}", file=manifest, line=end + 1) from None
    return header, rows


def check_file_name(name: str, path: Path) -> None:
    """Refuse a document name the manifest cannot hold in one CSV field or data/raw cannot store."""
    bad = [c for c in name if unicodedata.category(c) in ("Cc", "Cs") or c in "\u2028\u2029"]
    if any(unicodedata.category(c) == "Cs" for c in bad):
        raise InputError("the file name is not valid UTF-8; rename the file", file=repr(str(path)))
    if bad:
        raise InputError(
            f"the file name contains control characters ({', '.join(repr(c) for c in sorted(set(bad)))}); rename it",
            file=repr(str(path)),
        )
    size = len(name.encode("utf-8"))
    if size > MAX_NAME_BYTES:
        raise InputError(
            f"the file name is {size} bytes long (at most {MAX_NAME_BYTES} in data/raw); rename it to something shorter",
            file=path,
        )


def check_row_text(row: dict[str, str], manifest: Path) -> None:
    """No carriage return or other control character (a newline in a note is fine: it is quoted)."""
    for column, value in row.items():
        bad = {c for c in value or "" if unicodedata.category(c) == "Cc" and c not in "\n\t"}
        if bad:
            raise ManifestError(
                f"{column} {value[:60]!r} contains control characters {sorted(bad)}; the manifest cannot hold them",
                file=manifest,
            )


@contextlib.contextmanager
def manifest_lock(raw_dir: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``raw_dir/.sources.csv.lock`` around a manifest rewrite.

    ``flock`` locks die with their process (kill -9 included), so no stale lock can block.
    """
    lock = Path(raw_dir) / LOCK_NAME
    lock.parent.mkdir(parents=True, exist_ok=True)
    if lock.is_dir():
        raise InputError("the manifest lock path is a directory; remove it", file=lock)
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise InputError(f"cannot open the manifest lock: {exc.strerror}", file=lock) from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() > deadline:
                    raise InputError(
                        f"another `plantargets add` holds the manifest for over {wait:.0f} s", file=lock
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing releases the lock
