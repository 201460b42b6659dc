"""The walk: Document → spaCy Doc → mentions → resolved → events → Report. Read this first.

``Pipeline`` loads its knowledge (codebook, actor dictionary, gazetteer) once,
lazily, so constructing one is cheap and a batch pays the loading cost a single
time. ``frontlines.extract()`` is the one-call convenience over it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from frontlines.config import Settings
from frontlines.ingest.read import document_from_text
from frontlines.types import Document, Report

TextSource = str | Path | Document


class Pipeline:
    """A reusable extractor. Thread-unsafe; use one per worker process."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def extract(
        self,
        text: TextSource,
        *,
        published: str | date | None = None,
        source: str | None = None,
        title: str | None = None,
        key: str | None = None,
        url: str | None = None,
    ) -> Report:
        """Extract from a string, a file path (``Path``) or a ready ``Document``."""
        if isinstance(text, Document):
            return self.extract_document(text)
        if isinstance(text, Path):
            from frontlines.ingest.read import read_path

            doc, warnings = read_path(text, published=published, source=source)
        else:
            doc, warnings = document_from_text(
                text, key=key, title=title, published=published, source=source, url=url
            )
        return self.extract_document(doc, warnings=warnings)

    def extract_document(self, doc: Document, *, warnings: list[str] | None = None) -> Report:
        return Report(document=doc, warnings=list(warnings or []))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Report]:
        for doc in docs:
            yield self.extract_document(doc)


def extract(
    text: TextSource,
    *,
    published: str | date | None = None,
    source: str | None = None,
) -> Report:
    """One document in, one Report out. For many documents, reuse a ``Pipeline``."""
    return _default_pipeline().extract(text, published=published, source=source)


_DEFAULT: Pipeline | None = None


def _default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT
