"""The app over a store the real Pipeline filled from the example reports.

Extraction is being improved, so these tests assert how the app shows whatever
was found, never which events were found.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from serve_helpers import Api, LiveServer, screenshot

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "examples" / "aleppo-2016-10-28.txt"


@pytest.fixture(scope="module")
def pipeline():
    from frontlines.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="module")
def example_store(tmp_path_factory, pipeline):
    """The shared Aleppo article plus the project's examples/, extracted and stored."""
    from frontlines.store import Store

    reports = []
    if SEED.exists():
        reports.append(pipeline.extract(SEED))
    for path in sorted((ROOT / "examples" / "reports").glob("*")):
        reports.append(pipeline.extract(path))
    batch = ROOT / "examples" / "batch.jsonl"
    if batch.exists():
        for line in batch.read_text().splitlines():
            row = json.loads(line)
            if row.get("text", "").strip():
                reports.append(
                    pipeline.extract(
                        row["text"], published=row.get("published"), source=row.get("source"), key=row.get("id")
                    )
                )
    if not reports:
        pytest.skip("no example reports (../shared/examples or examples/) to load")
    db = tmp_path_factory.mktemp("examples") / "examples.duckdb"
    with Store(db, command="tests") as store:
        store.add_reports(reports)
    return db


def test_examples_every_stored_event_opens_with_its_evidence(example_store):
    from frontlines.serve.app import create_app

    api = Api(create_app(db=example_store))
    events = api.get("/api/events?limit=1000").json()["events"]
    assert events, "the examples produced no events at all"
    for row in events:
        event = api.get(f"/api/events/{row['event_id_cnty']}").json()["event"]
        for source in event["sources"]:
            text = event["documents"][source["document_id"]]["text"]
            for span in source["evidence"]:
                assert text[span["start"] : span["end"]] == span["text"]
            for field in source["fields"]:
                if field["span"]:
                    s = field["sentence"]
                    assert s["start"] <= field["span"]["start"] <= field["span"]["end"] <= s["end"]


def test_examples_paste_box_runs_the_real_pipeline_without_storing(example_store, seed_text):
    from frontlines.serve.app import create_app

    api = Api(create_app(db=example_store))
    before = api.get("/api/config").json()["counts"]
    body = api.post("/api/extract", json={"text": seed_text, "published": "2016-10-28"}).json()
    report = body["report"]
    assert report["contract"] == "frontlines/1"
    text = report["document"]["text"]
    for event in report["events"]:
        for span in event["evidence"]:
            assert text[span["start"] : span["end"]] == span["text"]
    assert body["stored"] is None
    assert api.get("/api/config").json()["counts"] == before


@pytest.mark.browser
def test_examples_map_shows_every_located_event(example_store, page):
    from frontlines.serve.app import create_app

    app = create_app(db=example_store)
    located = Api(app).get("/api/map").json()["located"]
    with LiveServer(app) as server:
        page.goto(server.url + "/")
        page.wait_for_selector("body[data-ready]")
        if located:
            page.wait_for_selector(".fl-marker, .fl-cluster")
        page.wait_for_timeout(500)  # cluster animation settles
        screenshot(page, "examples-home")
        singles = page.locator(".fl-marker").count()
        clustered = sum(int(t) for t in page.locator(".fl-cluster").all_inner_texts())
        assert singles + clustered == located
        first = page.locator("tr.event-row").first
        first.click()
        page.wait_for_selector("mark.evidence")
        screenshot(page, "examples-event")
        assert page.locator("article.source .article-text mark.evidence").count() >= 1
