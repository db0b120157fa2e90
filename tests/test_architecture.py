"""The import graph as a contract: layers (import-linter), no cycles, late imports only with a reason.

The layering itself is declared in pyproject.toml ([tool.importlinter]) and checked by
``lint-imports`` in ``make lint``; this module runs the same contracts from the test suite
and adds what import-linter does not say: that no module takes part in an import cycle, and
that a function-local import is one of the heavy libraries allowed to load late.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from plantargets import paths

# Libraries a function may import late, each for its cost or because it is optional:
# pandas (~0.5 s; `plantargets --help`, `validate` and the catalogue's name matching stay fast),
# the Jupyter stack (>1 s, worker processes only), seaborn (~1.4 s, one chart), the document
# readers (bs4, python-docx/lxml, pdfplumber: only for their format), fontTools and the font
# package (optional at run time).
LATE_ALLOWED = (
    "pandas",
    "plantargets.dataset.assemble",
    "plantargets.dataset.processed",
    "plantargets.dataset.adding",
    "plantargets.dataset.importer",
    "plantargets.reports.build",  # Jinja, the notebook runner: 0.16 s that `plantargets data` does not need
    "jupyter_client",
    "jupyter_core",
    "nbclient",
    "nbconvert",
    "nbformat",
    "papermill",
    "bleach",
    "traitlets",
    "seaborn",
    "bs4",
    "docx",
    "lxml",
    "pdfplumber",
    "fontTools",
    "pylopdf_fonts_zh_cn",
    # OCR (the optional extra): images, the recogniser, page rasterising
    "PIL",
    "rapidocr_onnxruntime",
    "pypdfium2",
)


def _graph() -> grimp.ImportGraph:
    return grimp.build_graph("plantargets", exclude_type_checking_imports=True, cache_dir=None)


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles() -> None:
    assert _cycles(_graph()) == []


def test_cycle_finder_finds_a_cycle() -> None:
    """The check above can fail: a graph with a planted cycle is reported."""
    graph = grimp.ImportGraph()
    for name in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(name)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.a")
    graph.add_import(importer="pkg.c", imported="pkg.a")
    assert _cycles(graph) == [["pkg.a", "pkg.b"]]


def test_readers_no_longer_import_the_dispatcher() -> None:
    graph = _graph()
    for reader in ("plantargets.read.docx", "plantargets.read.html", "plantargets.read.pdf"):
        assert "plantargets.read.dispatch" not in graph.find_modules_directly_imported_by(reader)
        assert "plantargets.read.rendering" in graph.find_modules_directly_imported_by(reader)


def _late_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import inside a function body."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.Import):
                found += [(node.lineno, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                found.append((node.lineno, node.module or ""))
    return found


def test_late_imports_are_heavy_libraries_only() -> None:
    bad = []
    for path in sorted(paths.PACKAGE_DIR.rglob("*.py")):
        for line, module in _late_imports(path):
            if not any(module == lib or module.startswith(lib + ".") for lib in LATE_ALLOWED):
                bad.append(f"{path.relative_to(paths.PACKAGE_DIR)}:{line}: {module}")
    assert bad == []


def test_late_import_finder_sees_function_local_imports(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("import os\n\ndef f():\n    import json\n    from a.b import c\n", encoding="utf-8")
    assert _late_imports(module) == [(4, "json"), (5, "a.b")]


@pytest.mark.skipif(not (paths.ROOT / "pyproject.toml").is_file(), reason="needs the project's pyproject.toml")
def test_layer_contracts_are_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(lint), "--no-cache"], cwd=paths.ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:]
    assert "4 kept, 0 broken" in run.stdout


# Sizes: a module of at most MAX_MODULE_LINES lines, a function of at most MAX_FUNCTION_LINES
# (from its `def` to its last line, decorators not counted; a nested function is measured on
# its own and also counts towards the function around it).
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
# The current offenders, each being split on another branch: key -> (size when listed, who
# splits it). The lead removes an entry when that branch is merged; an entry that no longer
# exceeds the limit fails test_size_allowlist_has_no_stale_entries, so none lingers, and an
# entry may not grow past its listed size.
SIZE_ALLOWED: dict[str, tuple[int, str]] = {
    # module or "module::function" -> (size when listed, who splits it); empty when all are split
}


def _sizes(package: Path) -> dict[str, int]:
    """Lines of every module ("read/pdf.py") and every function ("read/pdf.py::read_pdf")."""
    sizes: dict[str, int] = {}
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        text = path.read_text(encoding="utf-8")
        sizes[name] = len(text.splitlines())
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                key = f"{name}::{node.name}"
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                sizes[key] = max(sizes.get(key, 0), length)  # same name twice in a module: the longer
    return sizes


def _oversized(sizes: dict[str, int]) -> dict[str, int]:
    return {
        key: size for key, size in sizes.items() if size > (MAX_FUNCTION_LINES if "::" in key else MAX_MODULE_LINES)
    }


def test_modules_and_functions_are_small() -> None:
    """No module above 400 lines, no function above 60, except the listed ones being split."""
    over = _oversized(_sizes(paths.PACKAGE_DIR))
    unlisted = {key: size for key, size in over.items() if key not in SIZE_ALLOWED}
    grown = {
        key: (size, SIZE_ALLOWED[key][0]) for key, size in over.items() if size > SIZE_ALLOWED.get(key, (size,))[0]
    }
    assert unlisted == {}, "split these along a real seam (limits: modules 400 lines, functions 60)"
    assert grown == {}, "an allowlisted module or function grew (now, listed)"


def test_size_allowlist_has_no_stale_entries() -> None:
    """An entry whose module or function is back within the limit (or gone) is removed from the list."""
    over = _oversized(_sizes(paths.PACKAGE_DIR))
    assert sorted(set(SIZE_ALLOWED) - set(over)) == []


def test_size_check_measures_modules_and_functions(tmp_path: Path) -> None:
    """The measure can fail: a planted 61-line function and a 401-line module are reported."""
    body = "".join(f"    x{i} = {i}\n" for i in range(59))
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "long.py").write_text("def f():\n" + body + "    return 0\n", encoding="utf-8")
    (tmp_path / "pkg" / "big.py").write_text("x = 1\n" * 401, encoding="utf-8")
    (tmp_path / "pkg" / "ok.py").write_text("def g():\n" + body + "\n", encoding="utf-8")
    sizes = _sizes(tmp_path / "pkg")
    assert sizes["long.py::f"] == 61
    assert sizes["ok.py::g"] == 60
    assert _oversized(sizes) == {"big.py": 401, "long.py::f": 61}


@pytest.mark.skipif(not (paths.ROOT / "docs" / "architecture.md").is_file(), reason="needs the project's docs")
def test_the_architecture_doc_lists_every_module() -> None:
    """docs/architecture.md's module list (scripts/architecture_modules.py) names each module once."""
    doc = (paths.ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = doc[doc.index("<!-- modules: begin -->") : doc.index("<!-- modules: end -->")]
    listed = re.findall(r"^\| `([\w/]+\.py)` \| \d+ \|", section, flags=re.MULTILINE)
    modules = sorted(p.relative_to(paths.PACKAGE_DIR).as_posix() for p in paths.PACKAGE_DIR.rglob("*.py"))
    assert sorted(listed) == modules, "run scripts/architecture_modules.py"
