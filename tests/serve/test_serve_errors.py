"""One JSON error shape for every failure, checked by one helper (``assert_error``)."""

from __future__ import annotations

import pytest
from serve_helpers import assert_error


@pytest.mark.parametrize(
    ("path", "contains"),
    [
        ("/api/events?since=yesterday", "since: 'yesterday' is not a date"),
        ("/api/events?limit=5000", "limit: 5000 is above 1000"),
        ("/api/events?min_confidence=high", "min_confidence: 'high' is not a number"),
        ("/api/events?bbox=1,2,3", "bbox: expected MIN_LON,MIN_LAT,MAX_LON,MAX_LAT"),
        ("/api/events?colour=red", "colour: unknown parameter"),
        ("/api/stats?by=decade", "by: 'decade' is not one of"),
        ("/api/map?zoom=99", "zoom: 99 is above 22"),
    ],
)
def test_errors_bad_parameter_is_400(api, path, contains):
    assert_error(api.get(path), 400, contains=contains)


def test_errors_every_bad_parameter_is_listed(api):
    body = assert_error(api.get("/api/events?since=x&until=y"), 400)
    assert len(body["errors"]) == 2


def test_errors_unknown_event_is_404(api):
    assert_error(api.get("/api/events/no-such-event"), 404, contains="no event 'no-such-event'")


def test_errors_unknown_place_is_404(api):
    assert_error(api.get("/api/places/Atlantis"), 404, contains="Atlantis")


def test_errors_unknown_route_is_404(api):
    assert_error(api.get("/api/nothing-here"), 404)


def test_errors_wrong_method_is_405(api):
    assert_error(api.request("DELETE", "/api/events"), 405)


def test_errors_write_without_allow_write_is_403(api):
    response = api.post("/api/extract", json={"text": "Shelling hit Aleppo.", "store": True})
    assert_error(response, 403, contains="--allow-write")


def test_errors_distinct_without_allow_write_is_403(api):
    assert_error(api.post("/api/distinct", json={"a": "x1", "b": "x2"}), 403)


def test_errors_body_over_limit_is_413(api):
    big = b'{"text": "' + b"x" * (3 * 1024 * 1024) + b'"}'
    response = api.post("/api/extract", content=big, headers={"content-type": "application/json"})
    assert_error(response, 413)


def test_errors_streamed_body_over_limit_is_413(api):
    async def chunks():
        for _ in range(40):
            yield b"x" * 100_000  # no content-length: counted as it arrives

    response = api.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
    assert_error(response, 413)


def test_errors_form_post_is_415(api):
    # A cross-site HTML form can only send form encodings; JSON is required.
    assert_error(api.post("/api/extract", data={"text": "x"}), 415)


def test_errors_empty_article_is_400(api):
    assert_error(api.post("/api/extract", json={"text": "   "}), 400, contains="empty")


def test_errors_bad_article_date_is_400(api):
    response = api.post("/api/extract", json={"text": "x", "published": "soon"})
    assert_error(response, 400, contains="published")


def test_errors_foreign_host_is_refused(api):
    # DNS rebinding: a page on evil.example re-pointed at 127.0.0.1 sends its own Host.
    assert_error(api.get("/api/events", headers={"host": "evil.example"}), 400, contains="host")


def test_errors_cross_origin_post_is_refused(api):
    response = api.post("/api/extract", json={"text": "x"}, headers={"origin": "http://evil.example"})
    assert_error(response, 403, contains="cross-origin")


def test_errors_missing_store_is_503(tmp_path, seeded):
    import shutil

    from serve_helpers import Api

    from frontlines.serve.app import create_app

    db = tmp_path / "gone.duckdb"
    shutil.copy(seeded["path"], db)
    app = create_app(db=db)
    app.state.ctx.store.close()
    app.state.ctx.reader.close()
    db.unlink()
    assert_error(Api(app).get("/api/events"), 503, contains="no store")
