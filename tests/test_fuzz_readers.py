"""Property-based fuzzing of the readers (issue 16, "keep it found").

Random bytes, truncations and byte mutations of real documents (.txt, .docx, .pdf, .html built
from the seeds) are read and extracted. Each must either give rows or raise a PlanTargetsError
(a clear message naming the file) — never another exception — within a time and memory bound.

The number of inputs is fixed so that `make test` spends about 20 s here; a bigger run:

    PLANTARGETS_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/test_fuzz_readers.py

The figures (inputs tried, refused, time, peak traced memory for one input) are printed in the
"measured figures" section of pytest's summary on every run (tests/conftest.py).
"""

from __future__ import annotations

import html
import os
import resource
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plantargets.dataset.assemble import extract_document
from plantargets.errors import PlanTargetsError
from plantargets.read.dispatch import read_any

from .conftest import FIGURES_PROPERTY, SEEDS
from .test_ingest import seed_document_parts, write_docx, write_pdf

EXAMPLES = int(os.environ.get("PLANTARGETS_FUZZ_EXAMPLES", "120"))
# Per input: the seeds read and extract in about a second; a damaged PDF is cut off by the
# reader's own limits (read/limits.py: 30 s to open, 30 s a page; the fuzz PDF has two pages).
MAX_SECONDS = 100.0
MAX_PEAK_MB = 400.0  # traced Python allocations for one input (a seed needs ~20 MB)
_SEED = SEEDS["hure-fyp14"].read_bytes()
SEED_TEXT = _SEED[: _SEED.rindex(b"\n", 0, 30_000) + 1]  # whole lines with a table and prose: every stage
SUFFIXES = (".txt", ".docx", ".pdf", ".html")
# Characters that steer the table, value and prose parsers: separators, digits, brackets, units,
# markup, control characters.
EDIT_CHARS = "|\t\n\r 0123456789.%-+eE〔〕[]()（）年月亿万元<>&;/\\\x0b\u2028第十四五规划增长达到左右"
FIGURES: dict[str, float] = {"inputs": 0, "seconds": 0.0, "peak_mb": 0.0, "refused": 0}


def _html_of(text: str) -> bytes:
    """The seed as a web page: pipe lines as table rows, other lines as paragraphs."""
    parts = ["<html><head><meta charset='utf-8'></head><body>"]
    rows: list[str] = []
    for line in text.splitlines():
        if "|" in line:
            rows.append("<tr>" + "".join(f"<td>{html.escape(c.strip())}</td>" for c in line.split("|")) + "</tr>")
            continue
        if rows:
            parts.append("<table>" + "".join(rows) + "</table>")
            rows = []
        parts.append(f"<p>{html.escape(line)}</p>")
    if rows:
        parts.append("<table>" + "".join(rows) + "</table>")
    return ("".join(parts) + "</body></html>").encode("utf-8")


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("fuzz-seeds")
    before, after = seed_document_parts()
    docx = write_docx(folder / "seed.docx", before[:20], after[:20])
    pdf = write_pdf(folder / "seed.pdf", [line for line in after if line.strip()][:30])
    return {
        ".txt": SEED_TEXT,
        ".docx": docx.read_bytes(),
        ".pdf": pdf.read_bytes(),
        ".html": _html_of(SEED_TEXT.decode("utf-8", errors="ignore")),
    }


@st.composite
def hostile(draw: st.DrawFn, originals: dict[str, bytes]) -> tuple[str, bytes]:
    """(suffix, content): random bytes, a truncated original, or an original with bytes changed."""
    suffix = draw(st.sampled_from(SUFFIXES))
    kind = draw(st.sampled_from(("random", "truncate", "mutate", "edit", "edit")))
    data = originals[suffix]
    if kind == "random":
        return suffix, draw(st.binary(max_size=4096))
    if kind == "truncate":
        return suffix, data[: draw(st.integers(0, len(data)))]
    if kind == "edit" and suffix in (".txt", ".html"):  # still decodable: reaches tables, values, prose
        text = list(data.decode("utf-8"))
        for _ in range(draw(st.integers(1, 40))):
            at = draw(st.integers(0, len(text) - 1))
            text[at : at + draw(st.integers(0, 3))] = draw(st.text(alphabet=EDIT_CHARS, min_size=0, max_size=8))
        return suffix, "".join(text).encode("utf-8")
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 12))):
        at = draw(st.integers(0, len(out) - 1))
        if draw(st.booleans()):
            out[at] = draw(st.integers(0, 255))
        else:
            size = draw(st.integers(1, 64))
            del out[at : at + size]
    return suffix, bytes(out)


def _read_and_extract(path: Path) -> int:
    doc = read_any(path)
    return len(extract_document(doc).records)


def test_readers_never_crash_on_hostile_input(
    originals: dict[str, bytes], tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    for suffix, data in originals.items():  # the originals themselves give rows
        path = tmp_path / f"original{suffix}"
        path.write_bytes(data)
        assert _read_and_extract(path) > 0, suffix

    @settings(
        max_examples=EXAMPLES,
        deadline=None,  # the bound is asserted below, with a message
        derandomize=True,  # the same inputs every run: a failure is reproducible
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(hostile(originals))
    def check(case: tuple[str, bytes]) -> None:
        suffix, data = case
        path = tmp_path / f"fuzz{suffix}"
        path.write_bytes(data)
        tracemalloc.start()
        started = time.perf_counter()
        try:
            _read_and_extract(path)
            FIGURES[f"rows {suffix}"] = FIGURES.get(f"rows {suffix}", 0) + 1
        except PlanTargetsError as exc:
            FIGURES["refused"] += 1
            FIGURES[f"refused {suffix}"] = FIGURES.get(f"refused {suffix}", 0) + 1
            assert str(path) in str(exc), f"the error does not name the file: {exc}"
        finally:
            elapsed = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
            FIGURES["inputs"] += 1
            FIGURES["seconds"] += elapsed
            FIGURES["peak_mb"] = max(FIGURES["peak_mb"], peak)
        assert elapsed < MAX_SECONDS, f"{suffix} input took {elapsed:.1f} s"
        assert peak < MAX_PEAK_MB, f"{suffix} input allocated {peak:.0f} MB"

    try:
        check()
    finally:  # the figures are reported when a case fails too: they say how far it got
        figures = (
            f"{FIGURES['inputs']:.0f} inputs ({FIGURES['refused']:.0f} refused with a PlanTargetsError), "
            f"{FIGURES['seconds']:.1f} s reading and extracting, peak traced memory {FIGURES['peak_mb']:.0f} MB "
            f"for one input, process peak resident set {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; "
            + ", ".join(f"{k} {v:.0f}" for k, v in sorted(FIGURES.items()) if " " in k)
        )
        record_property(FIGURES_PROPERTY, figures)
        print(f"\nfuzz: {figures}")
