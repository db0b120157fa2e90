#!/usr/bin/env python3
"""Render reports/index.html and every report to PNG with headless Chromium, for review.

Optional tooling (not part of the tests): a quick way to look at a whole build, or to
attach pictures to a pull request. Chromium runs with networking side channels off, so
a page that tried to load anything from the internet would show up broken here too.

    python scripts/screenshot_reports.py                 # all pages -> reports/screenshots/
    python scripts/screenshot_reports.py --only 'region-*' --height 4000

Needs Chromium (Debian/Ubuntu: ``apt-get install chromium``).
"""

from __future__ import annotations

import argparse
import fnmatch
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from plantargets import paths

CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PAGE_TIMEOUT = 60  # seconds per page; a report renders in about 1-2 s


def find_chromium(explicit: str | None) -> str | None:
    """The browser to use: ``--chromium``, else the first of CANDIDATES on this machine."""
    for candidate in [explicit] if explicit else CANDIDATES:
        path = shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)
        if path:
            return path
    return None


def screenshot(chromium: str, page: Path, out: Path, width: int, height: int) -> None:
    """One page to one PNG, with a throw-away profile so no state carries between pages."""
    with tempfile.TemporaryDirectory(prefix="plantargets-chromium-") as profile:
        cmd = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--virtual-time-budget=5000",  # let the embedded font load before the shot
            f"--user-data-dir={profile}",
            f"--screenshot={out}",
            f"--window-size={width},{height}",
            page.resolve().as_uri(),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=PAGE_TIMEOUT, check=False)
    if done.returncode != 0 or not out.is_file():
        tail = "\n".join((done.stderr or "").strip().splitlines()[-5:])
        raise RuntimeError(f"chromium failed on {page.name} (exit {done.returncode}):\n{tail}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=Path, default=paths.REPORTS_DIR, help="reports folder (default: %(default)s)")
    parser.add_argument("--out", type=Path, help="where the PNGs go (default: <reports>/screenshots)")
    parser.add_argument("--only", action="append", help="page name glob, without .html (repeatable)")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=2000)
    parser.add_argument("--chromium", help="path of the Chromium/Chrome binary")
    args = parser.parse_args(argv)

    chromium = find_chromium(args.chromium)
    if chromium is None:
        print(
            "screenshot_reports: Chromium not found. Install it (Debian/Ubuntu: sudo apt-get install chromium) "
            "or pass --chromium /path/to/chrome.",
            file=sys.stderr,
        )
        return 2
    reports: Path = args.reports
    pages = sorted(reports.glob("*.html"), key=lambda p: (p.name != "index.html", p.name))
    if args.only:
        pages = [p for p in pages if any(fnmatch.fnmatchcase(p.stem, pat) for pat in args.only)]
    if not pages:
        print(f"screenshot_reports: no HTML pages in {reports} (run `make reports` first)", file=sys.stderr)
        return 1
    out_dir: Path = args.out or reports / "screenshots"
    out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for page in pages:
        target = out_dir / f"{page.stem}.png"
        started = time.perf_counter()
        try:
            screenshot(chromium, page, target, args.width, args.height)
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            failed += 1
            print(f"FAILED {page.name}: {exc}", file=sys.stderr)
            continue
        print(f"{target}  ({time.perf_counter() - started:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
