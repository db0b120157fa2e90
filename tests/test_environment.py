"""environment.yml mirrors the pinned dependencies of pyproject.toml exactly."""

from __future__ import annotations

import tomllib

import yaml

from .conftest import ROOT


def _norm(req: str) -> str:
    return req.replace(" ", "").lower()


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    wanted = {_norm(r) for r in project["dependencies"]} | {_norm(r) for name in ("dev", "ocr") for r in extras[name]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_block = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    listed = {_norm(r) for r in pip_block if not r.startswith("-e")}
    assert listed == wanted, f"only in environment.yml: {listed - wanted}; only in pyproject: {wanted - listed}"
    assert "python=3.11" in env["dependencies"]
    assert "-e ." in pip_block


def test_every_dependency_is_pinned():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    for req in project["dependencies"] + extras["dev"] + extras["ocr"]:
        assert "==" in req, f"{req} is not pinned"
