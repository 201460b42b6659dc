"""The web app in a real headless Chromium over a real server (marked ``browser``).

Screenshots go to artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import pytest
from serve_factory import XSS_SCRIPT
from serve_helpers import LiveServer, fake_extractor, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(seeded):
    from frontlines.serve.app import create_app

    with LiveServer(create_app(db=seeded["path"], extractor=fake_extractor)) as srv:
        yield srv


def _home(page, server):
    page.goto(server.url + "/")
    page.wait_for_selector("body[data-ready]")
    page.wait_for_selector(".fl-marker")
    page.wait_for_selector(".outlines-ready", state="attached")  # the offline basemap drew


def _centre(page, selector):
    box = page.locator(selector).bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_browser_home_loads_without_network_or_errors(page, server):
    _home(page, server)
    screenshot(page, "home")
    assert all(url.startswith(server.url) for url in page.seen["requests"])  # nothing from a CDN
    assert not [m for m in page.seen["console"] if m.startswith("error")]
    assert page.locator("#list-summary").get_attribute("data-total") == "5"


def test_browser_markers_sit_where_the_events_are(page, server, seeded):
    _home(page, server)
    ids = seeded["event_of"]
    kharkiv = _centre(page, f'.fl-marker[data-event-id="{ids["e.txt"]}"]')
    baghdad = _centre(page, f'.fl-marker[data-event-id="{ids["c.txt"]}"]')
    sanaa = _centre(page, f'.fl-marker[data-event-id="{ids["d.txt"]}"]')
    aleppo = _centre(page, ".fl-cluster")  # two Aleppo events, clustered
    assert page.locator(".fl-cluster").inner_text().strip() == "2"
    # screen y grows southwards: Kharkiv (50°N) above Aleppo (36°N) above Baghdad (33°N) above Sanaa (15°N)
    assert kharkiv[1] < aleppo[1] < baghdad[1] < sanaa[1]
    # and x eastwards: Kharkiv/Aleppo (36–37°E) west of Baghdad/Sanaa (44°E)
    assert max(kharkiv[0], aleppo[0]) < min(baghdad[0], sanaa[0])
    # bigger for more fatalities: Baghdad (3) over Sanaa (none)
    big = page.locator(f'.fl-marker[data-event-id="{ids["c.txt"]}"]').bounding_box()["width"]
    small = page.locator(f'.fl-marker[data-event-id="{ids["d.txt"]}"]').bounding_box()["width"]
    assert big > small


def test_browser_brushing_the_timeline_filters_list_and_map(page, server, seeded):
    _home(page, server)
    start = page.locator('rect.bar[data-key="2016-10-08"]').bounding_box()
    end = page.locator('rect.bar[data-key="2016-10-30"]').bounding_box()
    y = start["y"] + start["height"] / 2
    page.mouse.move(start["x"] + 1, y)
    page.mouse.down()
    page.mouse.move((start["x"] + end["x"]) / 2, y, steps=5)
    page.mouse.move(end["x"] + end["width"] - 1, y, steps=5)
    page.mouse.up()
    page.wait_for_selector('#list-summary[data-total="3"]')
    screenshot(page, "timeline-brushed")
    rows = page.locator("tr.event-row").evaluate_all("rs => rs.map(r => r.dataset.eventId)")
    ids = seeded["event_of"]
    assert set(rows) == {ids["d.txt"], ids["a.txt"], ids["x.txt"]}  # 8, 28 and 30 October
    assert page.locator("#brush-label").inner_text() == "2016-10-08 to 2016-10-30"
    # the map lost the August and September events
    page.wait_for_selector(f'.fl-marker[data-event-id="{ids["e.txt"]}"]', state="detached")
    assert page.locator(f'.fl-marker[data-event-id="{ids["c.txt"]}"]').count() == 0


def test_browser_filter_by_country(page, server):
    _home(page, server)
    page.select_option("#filters select[name=country]", "IQ")
    page.wait_for_selector('#list-summary[data-total="1"]')
    assert page.locator("tr.event-row td").nth(4).inner_text() == "Baghdad"


def test_browser_event_page_highlights_evidence(page, server, seeded):
    _home(page, server)
    merged = seeded["event_of"]["a.txt"]
    page.locator(f'tr.event-row[data-event-id="{merged}"]').click()
    page.wait_for_selector("mark.evidence")
    screenshot(page, "event")
    assert page.locator("article.source").count() == 2  # both outlets, merged
    evidence = page.locator("article.source .article-text mark.evidence").all_inner_texts()
    assert "".join(evidence).count("shelled Aleppo on Friday") == 2
    fatal = page.locator('.article-text mark[data-field="fatalities"]').all_inner_texts()
    assert sorted(fatal) == ["9 people died", "killing 7"]
    sentence = page.locator('tr[data-field="fatalities"] q.sentence').first.inner_text()
    assert "died" in sentence or "killing" in sentence


def test_browser_script_payload_renders_inert(page, server, seeded):
    page.goto(f"{server.url}/#/event/{seeded['event_of']['x.txt']}")
    page.wait_for_selector("mark.evidence")
    page.wait_for_timeout(300)  # give any injected handler the chance to fire
    screenshot(page, "event-hostile")
    assert page.seen["dialogs"] == []
    assert page.evaluate("window.__pwned") is None
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator("script:not([src])").count() == 0
    text = page.locator("article.source .article-text").inner_text()
    assert XSS_SCRIPT in text and "<img src=x onerror=alert(1)>" in text  # shown as text
    assert page.locator("article.source h3").inner_text().startswith(XSS_SCRIPT)
    assert page.locator('a[href^="javascript:"]').count() == 0  # the source URL is not a link


def test_browser_hostile_names_in_list_render_as_text(page, server):
    _home(page, server)
    page.wait_for_timeout(300)
    assert page.seen["dialogs"] == []
    assert page.evaluate("window.__pwned") is None
    assert "<img src=x onerror=alert(1)>" in page.locator("table#events").inner_text()


def test_browser_place_page_shows_control_timeline(page, server):
    page.goto(f"{server.url}/#/place/Bustan%20al-Qasr")
    page.wait_for_selector(".control-chart circle")
    screenshot(page, "place")
    statuses = page.locator(".control-chart circle").evaluate_all("cs => cs.map(c => c.dataset.status)")
    assert sorted(statuses) == ["gained", "holds", "lost"]
    lanes = page.locator(".control-chart .lane-label").evaluate_all("ts => ts.map(t => t.textContent)")
    assert lanes == ["Free Syrian Army", "Military Forces of Syria", "Outlet B"]


def test_browser_paste_box_shows_result_inert_and_unstored(page, server):
    page.goto(f"{server.url}/#/extract")
    page.fill("textarea[name=text]", f"Shelling in Aleppo. {XSS_SCRIPT} <img src=x onerror=alert(1)>")
    assert page.locator("#store-button").is_disabled()  # read-only server
    page.click("button[value=extract]")
    page.wait_for_selector("#extract-result .report")
    screenshot(page, "paste")
    assert "Not stored." in page.locator("#extract-result").inner_text()
    assert XSS_SCRIPT in page.locator("#extract-result .article-text").inner_text()
    assert page.seen["dialogs"] == [] and page.locator('img[src="x"]').count() == 0
