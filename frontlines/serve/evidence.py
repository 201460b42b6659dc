"""Why the tool believes a row: each source's fields with the text and sentence behind them.

The store keeps each document's full Report, whose events carry ``spans`` (the
span behind each field). The event page needs them next to the document text
they point into, so this module joins ``Store.event`` with ``Store.document``.
"""

from __future__ import annotations

from typing import Any

from frontlines.serve.queries import sentence_around

# (field shown, key in Event.spans): the order fields appear on the event page.
FIELDS: tuple[tuple[str, str], ...] = (
    ("sub_event_type", "trigger"),
    ("event_date", "date"),
    ("actor1", "actor1"),
    ("actor2", "actor2"),
    ("location", "location"),
    ("fatalities", "fatalities"),
    ("quantity", "quantity"),
    ("certainty", "certainty"),
    ("claimed_by", "claimed_by"),
)
_HEADER = ("id", "key", "title", "published", "source", "url", "language", "chars")


def _name(value: Any) -> Any:
    return value.get("name") if isinstance(value, dict) else value


def _value(event: dict[str, Any], field: str) -> Any:
    if field == "sub_event_type":
        return f"{event.get('event_type')}: {event.get('sub_event_type')}"
    if field == "event_date":
        end = event.get("date_end")
        return f"{event.get('date')} to {end}" if end else event.get("date")
    return _name(event.get(field))


def report_event(report: dict[str, Any] | None, member_id: str, document_id: str) -> dict | None:
    """The Report's event behind a stored member id (``doc_event_id`` may prefix it)."""
    if not report:
        return None
    for event in report.get("events", []):
        ident = event.get("id") or "event"
        if member_id in (ident, f"{document_id[:8]}-{ident}"):
            return event
    return None


def field_rows(event: dict[str, Any] | None, text: str) -> list[dict[str, Any]]:
    """Each field's value, the span it came from and the sentence holding that span."""
    if not event:
        return []
    spans = dict(event.get("spans") or {})
    rows = []
    for field, key in FIELDS:
        span = spans.pop(key, None)
        value = _value(event, field)
        if value is None and span is None:
            continue
        rows.append(_row(field, value, span, text))
    for key, span in spans.items():  # spans for fields added later still show
        rows.append(_row(key, _name(event.get(key)), span, text))
    return rows


def _row(field: str, value: Any, span: dict[str, Any] | None, text: str) -> dict[str, Any]:
    sentence = None
    if span and 0 <= span["start"] <= span["end"] <= len(text):
        sentence = sentence_around(text, span["start"], span["end"])
    return {"field": field, "value": value, "span": span, "sentence": sentence}


def event_page(store: Any, event_id: str) -> dict[str, Any] | None:
    """A merged event, its sources with their fields, and the documents they quote."""
    event = store.event(event_id)
    if event is None:
        return None
    documents: dict[str, dict[str, Any]] = {}
    for source in event["sources"]:
        doc_id = source["document_id"]
        if doc_id not in documents:
            doc = store.document(doc_id) or {}
            documents[doc_id] = {k: doc.get(k) for k in (*_HEADER, "text")}
            documents[doc_id]["_report"] = doc.get("report")
        doc = documents[doc_id]
        found = report_event(doc["_report"], source["id"], doc_id)
        source["fields"] = field_rows(found, doc.get("text") or "")
        source["spans"] = (found or {}).get("spans") or {}
    for doc in documents.values():
        doc.pop("_report", None)
    event["documents"] = documents
    return event
