"""Bytes in, ``Document`` out."""

from frontlines.ingest.normalise import normalise, text_id
from frontlines.ingest.read import document_from_text, read_document, read_path

__all__ = ["document_from_text", "normalise", "read_document", "read_path", "text_id"]
