"""The event store: one DuckDB file of documents, events, evidence and merges."""

from frontlines.store.db import DEFAULT_PATH, AddResult, Store, open_store
from frontlines.store.queries import STATS_BY, EventFilter

__all__ = ["DEFAULT_PATH", "STATS_BY", "AddResult", "EventFilter", "Store", "open_store"]
