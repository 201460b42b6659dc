"""The public API is frontlines.__all__ (httpx's test_exported_members idea)."""

import frontlines


def test_public_api_all_names_exist_and_nothing_public_is_missing():
    exported = set(frontlines.__all__)
    for name in exported:
        assert hasattr(frontlines, name), name
    public = {n for n in vars(frontlines) if not n.startswith("_") and n not in {"annotations"}}
    modules = {n for n in public if type(getattr(frontlines, n)).__name__ == "module"}
    assert public - modules - exported == set()


def test_public_api_extract_one_call():
    report = frontlines.extract("Rebels shelled Idlib in Syria on Friday.", published="2019-05-03")
    assert report.events[0].sub_event_type == "Shelling/artillery/missile attack"
    assert report.events[0].date == "2019-05-03"
