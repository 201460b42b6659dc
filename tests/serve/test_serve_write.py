"""Writing from the page: only with --allow-write, and only when asked."""

from __future__ import annotations


def test_write_extract_without_store_leaves_store_unchanged(writable):
    before = writable.get("/api/config").json()["counts"]
    body = writable.post("/api/extract", json={"text": "A new article about Idlib."}).json()
    assert body["stored"] is None
    assert body["report"]["document"]["text"] == "A new article about Idlib."
    assert writable.get("/api/config").json()["counts"] == before


def test_write_extract_and_store_adds_document(writable):
    before = writable.get("/api/config").json()["counts"]["documents"]
    body = writable.post("/api/extract", json={"text": "Another article.", "store": True, "source": "Pasted"}).json()
    assert body["stored"]["documents"] == 1
    doc = writable.get(f"/api/documents/{body['stored']['document_id']}").json()["document"]
    assert doc["source"] == "Pasted"
    assert writable.get("/api/config").json()["counts"]["documents"] == before + 1


def test_write_same_article_twice_is_skipped(writable):
    writable.post("/api/extract", json={"text": "Same text.", "store": True})
    again = writable.post("/api/extract", json={"text": "Same text.", "store": True}).json()
    assert again["stored"]["skipped"] == 1


def test_write_mark_distinct_splits_a_merged_event(writable, seeded):
    merged = seeded["event_of"]["a.txt"]
    event = writable.get(f"/api/events/{merged}").json()["event"]
    a, b = (s["id"] for s in event["sources"])
    assert writable.post("/api/distinct", json={"a": a, "b": b}).json()["ok"] is True
    assert writable.get(f"/api/events/{merged}").json()["event"]["source_count"] == 1
    assert writable.get("/api/events").json()["total"] == 6


def test_write_config_says_writable(writable):
    assert writable.get("/api/config").json()["allow_write"] is True


def test_write_extract_without_store_works_read_only(api):
    body = api.post("/api/extract", json={"text": "Read-only servers still extract."}).json()
    assert body["ok"] is True and body["stored"] is None


def test_write_while_another_writer_holds_the_store_is_409(writable):
    from serve_helpers import assert_error

    from frontlines.store import Store

    ctx = writable.app.state.ctx
    ctx.store.close()  # in one process DuckDB can't hold the file both ways; an ingest is
    ctx.reader.close()  # another process, so this only stands in for it
    with Store(ctx.db, command="frontlines ingest news/"):
        response = writable.post("/api/extract", json={"text": "Blocked.", "store": True})
    assert_error(response, 409, contains="frontlines ingest news/")
