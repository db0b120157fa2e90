"""Optical character recognition of table images: text boxes with their confidence.

Plan outlines publish their indicator tables as pictures (the national outlines' 专栏1) and
many plans circulate as scanned PDFs. This module turns an image into text boxes
(``TextBox``: the text, its pixel box, the recogniser's confidence); ``read.grid`` places
the boxes into table cells. The engine is RapidOCR (PP-OCRv4 models shipped inside the
``rapidocr-onnxruntime`` wheel: nothing is downloaded at run time), run on one thread.

Results are cached by the image's SHA-256 (``paths.OCR_CACHE_DIR``), so a rebuild reads the
cache instead of running the recogniser again (seconds per image → milliseconds).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from plantargets import paths
from plantargets.errors import InputError, PlanTargetsError

# Bumped when the engine, its options or the box format change: old cache entries are then
# ignored rather than mixed with new ones.
CACHE_VERSION = "rapidocr-onnxruntime-1.4.4/ppocrv4/side1280/v1"
# Images are small (the national tables are ~640 px wide). Detection runs on the image as
# it is up to this side; larger scans (an A4 page at 200 dpi is ~2300 px) are shrunk to it,
# which keeps a page under ~10 s on one core while table text stays ~20 px high.
MAX_SIDE = 1280
# One thread: the machine's cores are shared by parallel builds, and ONNX Runtime's default
# (all cores) makes each of them slower, not faster.
THREADS = 1

_ENGINE: Any = None
_LOCK = threading.Lock()


class OcrUnavailableError(PlanTargetsError):
    """The OCR engine is not installed (the ``ocr`` extra of the package)."""


@dataclass(frozen=True)
class TextBox:
    """One text line found in an image: text as recognised, pixel box, confidence 0-1."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    confidence: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def image_sha256(data: bytes) -> str:
    """The cache key of an image: the checksum of its bytes."""
    return hashlib.sha256(data).hexdigest()


def cache_dir() -> Path:
    """Where OCR results are kept (``PLANTARGETS_OCR_CACHE`` overrides it)."""

    return Path(os.environ.get("PLANTARGETS_OCR_CACHE", paths.OCR_CACHE_DIR))


def _engine() -> Any:
    global _ENGINE
    with _LOCK:
        if _ENGINE is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as exc:  # pragma: no cover - depends on the installation
                raise OcrUnavailableError(
                    "reading table images needs the OCR engine: pip install 'plantargets[ocr]' (make setup installs it)"
                ) from exc
            _ENGINE = RapidOCR(intra_op_num_threads=THREADS, inter_op_num_threads=THREADS, max_side_len=MAX_SIDE)
        return _ENGINE


def recognise(data: bytes, name: str = "<image>") -> list[TextBox]:
    """Run the recogniser on image bytes (no cache): boxes in reading order.

    The angle classifier is off: tables are printed upright, and it costs a third of the time.
    """
    engine = _engine()
    try:
        result, _ = engine(data, use_cls=False)
    except Exception as exc:  # the engine raises many types for undecodable images
        raise InputError(f"the image cannot be read for OCR ({type(exc).__name__}: {exc})", file=name) from exc
    boxes = []
    for quad, text, score in result or []:
        xs = [float(p[0]) for p in quad]
        ys = [float(p[1]) for p in quad]
        boxes.append(TextBox(str(text), min(xs), min(ys), max(xs), max(ys), round(float(score), 4)))
    return boxes


def ocr_image(data: bytes, name: str = "<image>", use_cache: bool = True) -> list[TextBox]:
    """Text boxes of an image, from the cache when this image was read before."""
    key = image_sha256(data)
    path = cache_dir() / f"{key}.json"
    if use_cache and path.exists():
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored.get("version") == CACHE_VERSION:
                return [TextBox(**b) for b in stored["boxes"]]
        except (OSError, ValueError, TypeError, KeyError):
            pass  # a damaged cache entry is recomputed and overwritten
    boxes = recognise(data, name)
    if use_cache:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        payload = {"version": CACHE_VERSION, "image": name, "boxes": [asdict(b) for b in boxes]}
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    return boxes


__all__ = ["CACHE_VERSION", "OcrUnavailableError", "TextBox", "cache_dir", "image_sha256", "ocr_image", "recognise"]
