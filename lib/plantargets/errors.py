"""One exception hierarchy, with the file and line a person needs to find the problem."""

from __future__ import annotations

from pathlib import Path


class PlanTargetsError(Exception):
    """Base of every error the library raises on purpose."""


class InputError(PlanTargetsError):
    """Bad input: names the file (and the line, when there is one) so the user can fix it."""

    def __init__(self, message: str, file: str | Path | None = None, line: int | None = None):
        self.file = str(file) if file is not None else None
        self.line = line
        self.message = message
        where = ""
        if self.file:
            where = self.file + (f":{line}" if line is not None else "") + ": "
        super().__init__(where + message)


class ManifestError(InputError):
    """The manifest (data/raw/sources.csv) is inconsistent."""


class DecodeError(InputError):
    """A document's bytes are not text in any encoding we accept."""


class ValueGrammarError(PlanTargetsError):
    """The value grammar was called with something that is not a cell string."""


class ParameterError(PlanTargetsError, ValueError):
    """A notebook or report parameter names something that does not exist."""


class ReportConfigError(InputError):
    """``reports.yml`` (or a notebook it names) does not describe a buildable report."""


class BuildError(PlanTargetsError):
    """One or more reports failed to build."""
