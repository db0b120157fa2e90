"""Committed notebooks carry no outputs (the check `make lint` runs, tested both ways)."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import ROOT


def test_committed_notebooks_have_no_outputs():
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts/check_notebooks.py"), str(ROOT / "notebooks")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr


def test_checker_catches_outputs(tmp_path):
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": 1,
                "metadata": {},
                "source": "1",
                "outputs": [
                    {"output_type": "execute_result", "data": {"text/plain": "1"}, "metadata": {}, "execution_count": 1}
                ],
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tmp_path / "dirty.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts/check_notebooks.py"), str(tmp_path)], capture_output=True, text=True
    )
    assert out.returncode == 1
    assert "dirty.ipynb: code cells [0] have outputs" in out.stderr
