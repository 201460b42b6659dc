"""Errors frontlines raises on purpose.

    FrontlinesError
     ├── InputError       a document or input file can't be read (.source)
     ├── KnowledgeError   a codebook / actor / gazetteer file is invalid (.path, .line)
     ├── GazetteerError   a gazetteer can't be built, found or loaded (.path)
     ├── StoreError       the event store is locked, corrupt or misused
     │    └── StoreLockedError
     ├── ContractError    an object does not fit the output contract
     └── EvalError        a gold file for ``frontlines eval`` is unusable (.path, .line)

The library raises these and never prints or exits; only ``frontlines.cli``
turns them into one line on stderr and an exit code.
"""

from __future__ import annotations


class FrontlinesError(Exception):
    """Base for every error frontlines raises on purpose."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class InputError(FrontlinesError):
    """A document (file, URL, JSONL line) can't be turned into text."""


class _FileError(FrontlinesError):
    """An error about a line of a file: shown as ``path:line: message``."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        where = f"{path}:{line}" if path and line else path
        super().__init__(message, source=where)
        self.path = path
        self.line = line


class KnowledgeError(_FileError):
    """A knowledge file (codebook, actor dictionary, cues) is invalid."""


class GazetteerError(FrontlinesError):
    """A gazetteer can't be built, found or loaded; the installed ones are left intact."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message, source=path)
        self.path = path


class StoreError(FrontlinesError):
    """The event store can't be opened or written."""


class StoreLockedError(StoreError):
    """Another process holds the store's write lock."""


class ContractError(FrontlinesError):
    """An object does not fit the output contract."""


class EvalError(_FileError):
    """A gold file for evaluation is unusable."""
