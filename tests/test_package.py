"""The package imports, exposes its version, and runs as a command and as a module."""

from __future__ import annotations

import subprocess
import sys

import plantargets
from plantargets.cli import main


def test_version():
    assert plantargets.__version__.count(".") == 2


def test_module_entry_point_prints_help():
    out = subprocess.run([sys.executable, "-m", "plantargets", "--help"], capture_output=True, text=True, check=True)
    assert "extract" in out.stdout and "build" in out.stdout


def test_validate_command(capsys):
    assert main(["validate"]) == 0
    assert "manifest OK: 5 documents" in capsys.readouterr().out


def test_bad_input_exits_2_with_message(capsys, tmp_path):
    assert main(["extract", str(tmp_path / "nope.txt"), "--out", str(tmp_path)]) == 2
    assert "nope.txt: no such file" in capsys.readouterr().err


def test_public_api_resolves():
    for name in plantargets.__all__:
        assert getattr(plantargets, name) is not None, name
