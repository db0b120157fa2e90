"""Limits on hostile or broken input, so the readers refuse clearly instead of exhausting the machine.

A .docx is a zip of XML: 340 KB of compressed paragraphs can inflate to 100 MB and take
minutes and gigabytes to parse (issue 16, case 9); HTML nested thousands of levels deep
makes recursive walkers raise RecursionError (case 11); an encrypted PDF must be refused
saying that it is encrypted (case 16). The limits sit far above what a plan document
needs and below what would exhaust a small machine.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from plantargets.errors import InputError

# Inflated XML per part: reading costs about 0.4 s and 17 MB of memory per MB of document.xml
# (measured on varied text: 23 MB read in 9.8 s with a 380 MB peak), so 24 MB stays bounded.
MAX_DOCX_XML_BYTES = 24 * 1024 * 1024
# Everything in the package together, images included (a bomb may hide in any part).
MAX_DOCX_TOTAL_BYTES = 256 * 1024 * 1024
# Compression ratio of one inflated part: the filler bombs of issue 16 compress 310-340:1;
# text with any variety (real documents) compresses far less.
MAX_COMPRESSION_RATIO = 200
MAX_ZIP_MEMBERS = 10_000
# Body paragraphs and tables: a 300-page outline has a few thousand; 23 MB of short paragraphs
# is 330k. Beyond this the document is filler built to exhaust memory.
MAX_DOCX_ELEMENTS = 500_000
# HTML nested deeper than the reader's walk can follow (Python's recursion limit, ~1000
# levels) is refused; real pages nest well under 100 levels.
HTML_TOO_DEEP = (
    "refused: the HTML nests elements more than about 1,000 levels deep (real pages nest under 100); "
    "a damaged or hostile page"
)

# What reading a damaged zip can raise besides BadZipFile (found by tests/test_fuzz_readers.py):
# a bad offset (OSError: Invalid argument), a cut stream (EOFError), corrupt deflate data
# (zlib.error), an unknown compression method (NotImplementedError), a bad CRC on a member.
DAMAGED_ZIP: tuple[type[Exception], ...] = (OSError, EOFError, zlib.error, NotImplementedError, RuntimeError)
_UNREADABLE_ZIP: tuple[type[Exception], ...] = (zipfile.BadZipFile, ValueError, *DAMAGED_ZIP)

PDF_ENCRYPTED = (
    "the PDF is encrypted (password-protected), so its text cannot be read; "
    "open it with the password and save or print an unprotected copy"
)


def check_docx_package(path: Path) -> None:
    """Refuse a .docx whose zip would inflate beyond the limits, before anything is decompressed.

    Sizes come from the zip's central directory; a member lying about its size is caught
    by :func:`zipfile` itself when read (it checks the CRC and length).
    """
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except _UNREADABLE_ZIP as exc:
        raise InputError(f"not a readable Word (.docx) document: {exc}", file=path) from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise InputError(f"refused: the Word package has {len(infos)} parts (limit {MAX_ZIP_MEMBERS})", file=path)
    total = sum(i.file_size for i in infos)
    if total > MAX_DOCX_TOTAL_BYTES:
        raise InputError(
            f"refused: the Word package would inflate to {total / 1e6:.0f} MB (limit {MAX_DOCX_TOTAL_BYTES / 1e6:.0f} MB); "
            "a zip bomb or not a plan document",
            file=path,
        )
    for info in infos:
        if not info.filename.endswith((".xml", ".rels")):
            continue
        if info.file_size > MAX_DOCX_XML_BYTES:
            raise InputError(
                f"refused: {info.filename} inflates to {info.file_size / 1e6:.0f} MB of XML "
                f"(limit {MAX_DOCX_XML_BYTES / 1e6:.0f} MB); a zip bomb or not a plan document",
                file=path,
            )
        if (
            info.compress_size
            and info.file_size > 1_000_000
            and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO
        ):
            raise InputError(
                f"refused: {info.filename} is compressed {info.file_size / info.compress_size:.0f}:1 "
                f"(limit {MAX_COMPRESSION_RATIO}:1); a zip bomb or not a plan document",
                file=path,
            )


def check_element_count(count: int, path: Path) -> None:
    """Refuse a document with more body elements than any plan has (filler built to exhaust memory)."""
    if count > MAX_DOCX_ELEMENTS:
        raise InputError(f"refused: more than {MAX_DOCX_ELEMENTS:,} paragraphs and tables", file=path)


def is_encryption_error(exc: BaseException) -> bool:
    """True when pdfminer (through pdfplumber) failed because the PDF is encrypted."""
    seen: set[int] = set()
    stack: list[object] = [exc]
    while stack:
        e = stack.pop()
        if not isinstance(e, BaseException) or id(e) in seen:
            continue
        seen.add(id(e))
        name = type(e).__name__
        if "Password" in name or "Encrypt" in name:
            return True
        stack.extend([*e.args, e.__cause__, e.__context__])
    return False


# A damaged PDF can make pdfminer spin for minutes on one page (the fuzz test found a mutated
# two-page PDF taking 157 s); a real page reads in well under a second.
PDF_OPEN_SECONDS = 30
PDF_PAGE_SECONDS = 30


class _Expired(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float, message: str, path: Path) -> Iterator[None]:
    """Raise InputError(``message``) naming ``path`` after ``seconds`` (main thread only: SIGALRM).

    Elsewhere (a worker thread) it does nothing: the limit then rests on the size limits.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    if signal.getitimer(signal.ITIMER_REAL)[0]:  # an outer limit is running: leave it in charge
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise InputError(f"{message} took longer than {seconds:.0f} s (a damaged file?)", file=path) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
