"""Errors a user sees: each names the file and the problem so a batch log is actionable."""

from __future__ import annotations


class ReportError(Exception):
    """A report that cannot be read or processed; the batch records it and goes on."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class ModelNotInstalledError(RuntimeError):
    """The spaCy pipeline is missing; the message gives the exact install command."""


class OutputError(Exception):
    """The outputs cannot be written (a read-only folder, a full disk); no output was replaced."""
