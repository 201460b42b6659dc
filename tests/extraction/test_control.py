"""Control claims: who gained, lost or contests which place, from events and control language."""


def claims_for(report, name):
    return [c for c in report.control if c.place.name == name]


def test_control_capture_of_a_town_is_gained_and_lost(extract_text):
    report = extract_text("Rebels captured Maarat al-Numan in Syria from government forces on Friday.")
    statuses = {c.status for c in claims_for(report, report.events[0].location.name)}
    assert statuses == {"gained", "lost"}


def test_control_capture_of_parts_of_a_city_is_contested(extract_text):
    # "parts of Homs" is ground inside the city: the city is fought over, not handed over
    report = extract_text("Rebels seized parts of Homs in Syria on Friday.")
    event = report.events[0]
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert event.location.name == "Homs" and event.location.geo_precision == 2
    assert [c.status for c in claims_for(report, "Homs")] == ["contested"]


def test_control_part_told_once_keeps_the_whole_capture_partial(extract_text):
    report = extract_text(
        "Rebels seized parts of Homs in Syria on Friday. The gains around Homs were modest, "
        "but the rebels captured important areas of the city."
    )
    captures = [e for e in report.events if e.sub_event_type == "Non-state actor overtakes territory"]
    assert captures and all(e.location.geo_precision == 2 for e in captures)
    assert "gained" not in {c.status for c in claims_for(report, "Homs")}
