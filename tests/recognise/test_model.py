"""The optional trained-pipeline upgrade, on whatever English spaCy pipeline is installed.

Skipped, with the reason, when none is: the rule pipeline never needs it.
"""

import os

import pytest

from frontlines.recognise.model import Parse, ParsedToken


def test_model_parse_roles_from_a_hand_built_parse():
    # "Rebels shelled the town": nsubj → actor1, dobj → actor2 (no model needed)
    text = "Rebels shelled the town"
    tokens = [
        ParsedToken(0, 6, "nsubj", 1, "Rebels"),
        ParsedToken(7, 14, "ROOT", 1, "shelled"),
        ParsedToken(15, 18, "det", 3, "the"),
        ParsedToken(19, 23, "dobj", 1, "town"),
    ]
    roles = Parse(tokens=tokens).roles(text.index("shelled"))
    assert text[slice(*roles["actor1"])] == "Rebels"
    assert text[slice(*roles["actor2"])] == "the town"


@pytest.fixture(scope="module")
def model_pipeline():
    from frontlines.recognise import model

    saved = os.environ.pop("FRONTLINES_MODEL", None)
    try:
        name = model.installed_model()
        if name is None:
            pytest.skip(
                "no trained spaCy English pipeline is installed (optional: see docs/model.md); "
                "the rule pipeline is tested without one"
            )
        from frontlines import Pipeline

        os.environ["FRONTLINES_MODEL"] = name
        yield Pipeline().load()
    finally:
        os.environ["FRONTLINES_MODEL"] = saved if saved is not None else "none"


def test_model_finds_an_organisation_outside_the_dictionary(model_pipeline):
    report = model_pipeline.extract(
        "The Kafr Nabl Local Council attacked an army checkpoint near Idlib in Syria on Monday.",
        published="2019-01-07",
    )
    assert report.events
    actor = report.events[0].actor1
    assert actor is not None and actor.id.startswith("ner:") and "Kafr Nabl" in actor.name


def test_model_parse_gives_the_passive_agent(model_pipeline):
    report = model_pipeline.extract(
        "The checkpoint near Idlib in Syria was attacked by the Islamic State group on Monday.",
        published="2019-01-07",
    )
    assert "Islamic State" in report.events[0].actor1.name
