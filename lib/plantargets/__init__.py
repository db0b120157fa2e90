"""PlanTargets: quantitative targets of Chinese local development plans.

The public API, re-exported lazily so that ``import plantargets`` (and the CLI's no-op
rebuild) does not pay for pandas and matplotlib until they are used::

    import plantargets as pt
    doc = pt.read_any("plan.pdf")
    result = pt.extract_document(doc)
    ds = pt.extract_documents((s.path, s) for s in pt.load_manifest())
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "read_document": "read.text",
    "read_any": "read.dispatch",
    "Document": "read.text",
    "parse_value": "extract.values",
    "Value": "extract.values",
    "find_tables": "extract.tables",
    "extract_prose": "extract.prose",
    "extract_sector_mix": "extract.prose",
    "Catalog": "dataset.catalog",
    "run_checks": "dataset.checks",
    "load_manifest": "dataset.manifest",
    "Source": "dataset.manifest",
    "extract_document": "dataset.assemble",
    "extract_documents": "dataset.assemble",
    "write_dataset": "dataset.processed",
    "build_processed": "dataset.processed",
    "build_reports": "reports.build",
    "add_document": "dataset.adding",
    "PlanTargetsError": "errors",
    "InputError": "errors",
    "ManifestError": "errors",
    "ParameterError": "errors",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'plantargets' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
