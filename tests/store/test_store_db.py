"""Store basics: schema, idempotent adds, documents kept whole, reopen read-only."""

from __future__ import annotations

import pytest
from store_factory import make_event, make_report

from frontlines.errors import StoreError
from frontlines.store import Store
from frontlines.store.migrations import SCHEMA_VERSION


def test_db_new_store_has_current_schema_version(store):
    assert store.schema_version == SCHEMA_VERSION


def test_db_add_reports_twice_adds_nothing_the_second_time(store):
    reports = [make_report("a", [make_event("a1")]), make_report("b", [make_event("b1")])]
    first = store.add_reports(reports)
    second = store.add_reports(reports)
    assert (first.documents, second.documents, second.skipped) == (2, 0, 2)
    assert store.counts()["documents"] == 2
    assert store.counts()["doc_events"] == 2


def test_db_same_document_twice_in_one_batch_is_stored_once(store):
    r = make_report("a", [make_event("a1")])
    result = store.add_reports([r, r])
    assert (result.documents, result.skipped) == (1, 1)


def test_db_document_keeps_text_and_full_report(store):
    r = make_report("a", [make_event("a1", fatalities=3)])
    r.warnings.append("no publication date")
    store.add_reports([r])
    doc = store.document(r.document.id)
    assert doc["text"] == r.document.text
    assert doc["report"]["warnings"] == ["no publication date"]
    assert doc["report"]["events"][0]["fatalities"] == 3
    span = doc["report"]["events"][0]["evidence"][0]
    # evidence offsets point into the stored text
    assert doc["text"][span["start"] : span["end"]] == span["text"]


def test_db_unknown_document_is_none(store):
    assert store.document("0" * 64) is None
    assert store.event("nope") is None


def test_db_read_only_store_reads_what_writer_committed(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as w:
        w.add_reports([make_report("a", [make_event("a1")])])
    with Store(path, read_only=True) as r:
        assert r.counts()["events"] == 1


def test_db_read_only_refuses_writes(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    with Store(path, read_only=True) as r, pytest.raises(StoreError, match="read-only"):
        r.add_reports([make_report("a", [])])


def test_db_read_only_open_of_missing_file_says_how_to_create(tmp_path):
    with pytest.raises(StoreError, match="frontlines ingest"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_db_not_a_duckdb_file_is_a_store_error(tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_text("hello")
    with pytest.raises(StoreError, match="not a store"):
        Store(bad, read_only=True)


def test_db_memory_store_works_without_a_file():
    with Store(":memory:") as s:
        s.add_reports([make_report("a", [make_event("a1")])])
        assert s.count_events() == 1


def test_db_event_ids_are_unique_across_documents(store):
    # two documents whose pipeline ids collide ("e1") must not overwrite each other
    store.add_reports(
        [
            make_report("a", [make_event("e1", place=None)]),
            make_report("b", [make_event("e1", place=None)]),
        ]
    )
    assert len({e["event_id_cnty"] for e in store.events()}) == 2


def test_db_failures_are_recorded(store):
    store.record_failures([("notes.pdf", "not text (binary, 2.1 MB)")])
    assert store.failures()[0]["key"] == "notes.pdf"
