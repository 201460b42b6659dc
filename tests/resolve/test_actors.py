"""Actor resolution: dictionary aliases, dated names, context and generic actors."""

import pytest


def actors_of(report):
    return {m.text: m.resolved_to for m in report.mentions["actors"]}


def actor_named(report, words: str):
    """The resolved actor of the first mention containing ``words``."""
    return next(m.resolved_to for m in report.mentions["actors"] if words in m.text)


def test_dated_name_follows_the_event_date(extract_text):
    # Jabhat al-Nusra was renamed Jabhat Fateh al-Sham in July 2016 and joined HTS in January 2017
    text = "Fatah al-Sham fighters attacked army positions in Idlib."
    assert "Fateh al Sham" in actor_named(extract_text(text, published="2016-10-28"), "Fatah al-Sham").name
    assert "Tahrir al Sham" in actor_named(extract_text(text, published="2018-03-01"), "Fatah al-Sham").name


def test_context_alias_needs_the_focus_country(extract_text):
    # "the regime" is Syria's army in a Syria report, and nobody's in a text with no country
    syria = actors_of(extract_text("The regime shelled Douma near Damascus in Syria on Monday."))
    assert syria["The regime"].country == "SY" and syria["The regime"].type == "State forces"
    nowhere = actors_of(extract_text("The regime shelled the town on Monday."))
    assert nowhere.get("The regime") is None


def test_generic_actor_takes_the_demonym_country(extract_text):
    found = actors_of(extract_text("Iraqi protesters gathered in Basra on Friday."))
    actor = found["Iraqi protesters"]
    assert (actor.name, actor.type, actor.country) == ("Protesters (Iraq)", "Protesters", "IQ")


@pytest.mark.parametrize(
    ("text", "is_actor"),
    [
        ("Damascus said it would respond to the attack.", True),  # capital as the government
        ("Heavy fighting was reported in Damascus on Monday.", False),  # capital as a place
    ],
)
def test_capital_is_the_government_only_as_speaker(extract_text, text, is_actor):
    found = actors_of(extract_text(text))
    assert ("Damascus" in found) is is_actor


def test_successor_takes_over_after_the_last_dated_name(extract_text):
    # The Taliban are coded as Afghanistan's state forces after they took Kabul on 2021-08-15
    text = "The Taliban attacked a checkpoint in Ghazni."
    insurgents = actor_named(extract_text(text, published="2019-05-01"), "Taliban")
    state = actor_named(extract_text(text, published="2023-05-01"), "Taliban")
    assert insurgents.type == "Rebel groups"
    assert state.type == "State forces" and state.country == "AF"


def test_named_actor_absorbs_a_following_generic_word(extract_text):
    found = actors_of(extract_text("Jaish al-Fatah rebel group said they had taken the town of Khan Tuman in Syria."))
    assert "Jaish al-Fatah rebel group" in found
    assert "Fatah" in found["Jaish al-Fatah rebel group"].name


def test_its_troops_are_the_speakers_not_the_focus_countrys(extract_text):
    # a report about Ukraine; "its troops" belong to the Russian ministry named before them
    report = extract_text(
        "Fighting continued across Ukraine, near Bakhmut and Kramatorsk. "
        "The Russian Defence Ministry said its troops had taken control of Soledar in Ukraine."
    )
    assert actor_named(report, "troops").country == "RU"
    alone = extract_text("Fighting continued across Ukraine, near Bakhmut. Troops shelled Soledar in Ukraine.")
    assert actor_named(alone, "Troops").country == "UA"


def test_unnamed_police_belong_to_the_country_of_the_protest(extract_text):
    report = extract_text(
        "Shelling hit Kharkiv and Kherson in Ukraine on Monday. "
        "In Moscow, police detained 50 people protesting against the war."
    )
    protest = next(e for e in report.events if e.location and e.location.name == "Moscow")
    sides = [a for a in (protest.actor1, protest.actor2) if a is not None and a.mention == "police"]
    assert sides and sides[0].country == "RU"


def test_a_country_in_a_place_phrase_is_no_speaking_government(extract_text):
    # "Somalia's" before a verb-like "'s" is a government only when it is not a place phrase
    report = extract_text(
        "Al Shabaab militants attacked a base in central Somalia's Hiiraan region, killing seven soldiers."
    )
    assert "Somalia" not in {m.text for m in report.mentions["actors"]}
    event = report.events[0]
    assert event.actor2 is not None and event.actor2.type == "State forces" and event.actor2.mention == "soldiers"
    speaking = extract_text("Somalia's government said Al Shabaab attacked a base near Beledweyne.")
    assert any(m.resolved_to and m.resolved_to.country == "SO" for m in speaking.mentions["actors"])


def test_a_country_owning_the_next_actor_is_no_actor_itself(extract_text):
    # "Sudan's paramilitary Rapid Support Forces ... they had seized": the RSF, not the government
    report = extract_text(
        "Sudan's paramilitary Rapid Support Forces said on Sunday they had seized the army's main base in Nyala.",
        published="2023-10-29",  # after April 2023 the RSF fights the state (before, it was part of it)
    )
    assert all(m.resolved_to is None or "Government" not in m.resolved_to.name for m in report.mentions["actors"])
    capture = report.events[0]
    assert capture.sub_event_type == "Non-state actor overtakes territory"
    assert "Rapid Support" in capture.actor1.name and capture.actor2.type == "State forces"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an armed group's "its fighters" are the group
        ("Al Shabaab said in a statement that its fighters killed 25 soldiers near Beledweyne.", "Al Shabaab"),
        # a state's "its forces" are its military, not its government
        ("Moscow said its forces had taken Soledar, east of Bakhmut in Ukraine.", "Military Forces of Russia"),
    ],
)
def test_its_forces_are_the_owners(extract_text, text, expected):
    owned = next(m for m in extract_text(text).mentions["actors"] if m.text in ("fighters", "forces"))
    assert owned.resolved_to is not None and owned.resolved_to.name.startswith(expected)


def test_air_defences_are_the_named_countrys_military(extract_text):
    report = extract_text("The Houthis fired a missile towards Jizan, which Saudi air defences said they intercepted.")
    event = next(e for e in report.events if e.sub_event_type == "Disrupted weapons use")
    assert event.actor1 is not None and event.actor1.country == "SA" and event.actor1.type == "State forces"
    assert event.location is not None and event.location.name == "Jizan"


def test_the_group_is_the_armed_group_named_before(extract_text):
    report = extract_text(
        "Fighting between the army and the Arakan Army intensified in Rakhine state in Myanmar, "
        "where the ethnic armed group said it had captured two military outposts."
    )
    capture = next(e for e in report.events if e.sub_event_type == "Non-state actor overtakes territory")
    assert capture.actor1 is not None and "Arakan Army" in capture.actor1.name


def test_positions_name_the_forces_holding_them(extract_text):
    report = extract_text("Rebels fired hundreds of Grad rockets on regime positions in Aleppo, Syria.")
    event = report.events[0]
    assert event.actor2 is not None and event.actor2.type == "State forces" and event.actor2.country == "SY"
