"""Event typing on short real-style sentences: one behaviour per row."""

import pytest


def top(report):
    return max(report.events, key=lambda e: e.confidence, default=None)


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Government forces and rebels clashed near Kidal on Tuesday.", "Armed clash"),
        (
            "The Syrian army recaptured the town of Palmyra from the Islamic State on Sunday.",
            "Government regains territory",
        ),
        (
            "Islamic State militants captured the town of Sirte after three days of fighting.",
            "Non-state actor overtakes territory",
        ),
        ("Warplanes struck a market in Maarat al-Numan, killing 12 civilians.", "Air/drone strike"),
        ("A drone strike killed two militants in North Waziristan.", "Air/drone strike"),
        ("A suicide bomber blew himself up at a checkpoint in Mogadishu.", "Suicide bomb"),
        ("Rebels shelled government-held neighbourhoods of Aleppo with mortars.", "Shelling/artillery/missile attack"),
        ("A roadside bomb exploded near a police patrol in Kandahar.", "Remote explosive/landmine/IED"),
        ("Militants lobbed a grenade at a bus stand in Srinagar.", "Grenade"),
        ("Witnesses said soldiers raped several women in the village.", "Sexual violence"),
        ("Gunmen kidnapped five aid workers in Borno state.", "Abduction/forced disappearance"),
        ("Thousands of protesters marched peacefully through Khartoum on Friday.", "Peaceful protest"),
        ("Police fired tear gas to disperse protesters in Nairobi.", "Protest with intervention"),
        (
            "Security forces opened fire on protesters in Baghdad, killing six demonstrators.",
            "Excessive force against protesters",
        ),
        ("Rioters threw stones at police and set cars on fire in Paris.", "Violent demonstration"),
        ("A mob lynched a man accused of theft in Kano.", "Mob violence"),
        ("The warring parties signed a ceasefire agreement in Juba.", "Agreement"),
        ("Police arrested 20 opposition activists in Minsk.", "Arrests"),
        ("Hundreds of SPLA-IO fighters defected to the government side.", "Change to group/activity"),
        ("Army engineers defused a car bomb in Mosul.", "Disrupted weapons use"),
        ("Air defences intercepted two drones over Belgorod.", "Disrupted weapons use"),
        ("Turkish forces set up a new military base near Afrin.", "Headquarters or base established"),
        ("Militants looted shops and torched homes in the market.", "Looting/property destruction"),
        ("The army said air defences shot down 12 drones over the Kherson region.", "Disrupted weapons use"),
        ("Soldiers neutralized 15 jihadists near Djibo in Burkina Faso.", "Armed clash"),
        # the weapon is the lower-case head of an actor's name; a "detention centre" is a building
        ("Saudi-led coalition warplanes struck a detention centre in Saada, killing 70 people.", "Air/drone strike"),
        (
            "Al-Shabaab took control of the town without a fight after Ethiopian troops withdrew.",
            "Non-violent transfer of territory",
        ),
    ],
)
def test_events_top_event_has_the_expected_sub_event_type(extract_text, text, sub_event_type):
    event = top(extract_text(text))
    assert event is not None, text
    assert event.sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text",
    [
        "A magnitude 6.1 earthquake killed 40 people and destroyed homes in Herat.",  # natural disaster
        "A gas cylinder explosion at a factory killed three workers.",  # industrial accident
        "Police arrested two men for robbery and drug smuggling.",  # ordinary crime
        "The Security Council condemned the missile test and urged restraint.",  # diplomacy
        "Islamic State claimed responsibility for the attack.",  # a claim, not a new event
        "Aleppo is probably the world's most fought over city.",  # description, not an event
    ],
)
def test_events_non_events_emit_nothing(extract_text, text):
    assert extract_text(text).events == []


def test_events_state_capture_is_government_regains_only_at_home(extract_text):
    # Turkish troops taking a Syrian town are a foreign state's forces: not "Government regains"
    event = top(extract_text("Turkish troops captured the town of Jarablus in Syria."))
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert event.actor1.type == "External/Other forces"


def test_events_roles_follow_by_and_passive(extract_text):
    event = top(extract_text("The army faced an offensive on Kweres airbase by the Islamic State group in Syria."))
    assert "Islamic State" in event.actor1.name  # "by X" marks the attacker
    assert event.actor2 is not None and event.actor2.type == "State forces"
    victims = top(extract_text("Four civilians were killed when gunmen opened fire on a bus in Peshawar."))
    assert victims.sub_event_type == "Attack"


def test_events_one_event_per_location_listed_after_the_trigger(extract_text):
    report = extract_text("Rebels launched attacks on Idlib and Hama in Syria on Monday.")
    names = sorted(e.location.name for e in report.events if e.location)
    assert len(names) == 2 and names[0] != names[1]


def test_events_background_is_dated_to_its_own_time(extract_text):
    report = extract_text("Rebels attacked Aleppo last August.", published="2016-10-28")
    event = top(report)
    assert (event.date, event.time_precision) == ("2016-08-01", 3)


def test_events_same_event_told_twice_is_one_row_with_two_spans(extract_text):
    report = extract_text(
        "Islamic State fighters captured the town of Ramadi in Iraq on Sunday. "
        "The fall of Ramadi was a blow to the government. IS captured Ramadi after a suicide bombing campaign."
    )
    captures = [e for e in report.events if e.sub_event_type == "Non-state actor overtakes territory"]
    assert len(captures) == 1
    assert len(captures[0].evidence) >= 2


def test_events_place_owned_by_a_country_is_the_inner_place(extract_text):
    # "in central Somalia's Hiiraan region": the event is in Hiiraan, not in Somalia at large
    event = top(extract_text("Al Shabaab militants attacked a base in central Somalia's Hiiraan region on Wednesday."))
    assert event.location is not None and event.location.name == "Hiiraan"


def test_events_weapons_seized_in_a_deadly_assault_are_no_prevented_attack(extract_text):
    event = top(extract_text("Al Shabaab fighters killed 25 soldiers and seized weapons near Beledweyne in Somalia."))
    assert event.sub_event_type == "Armed clash"
    found = top(extract_text("Police seized weapons and ammunition in a raid near Beledweyne in Somalia."))
    assert found.sub_event_type == "Disrupted weapons use"


def test_events_place_given_as_a_reference_point_is_not_the_location(extract_text):
    # "In Omdurman, across the Nile from Khartoum, ...": the strike is in Omdurman
    event = top(extract_text("In Omdurman, across the Nile from Khartoum, a drone strike hit a market on Saturday."))
    assert event.location is not None and event.location.name == "Omdurman"


def test_events_next_sentence_goes_on_at_the_most_precise_place_of_the_last_event(extract_text):
    report = extract_text(
        "The RSF said they had seized the army's main base in Nyala, the capital of South Darfur "
        "state, after days of heavy fighting. Residents said the RSF had shelled neighbourhoods near the base."
    )
    shelling = next(e for e in report.events if e.sub_event_type == "Shelling/artillery/missile attack")
    assert shelling.location.name == "Nyala" and shelling.location.geo_precision == 2


def test_events_a_figure_in_another_events_clause_is_that_events(extract_text):
    report = extract_text(
        "The RSF shelled neighbourhoods in Nyala in Sudan, killing dozens of civilians, "
        "while army warplanes carried out air strikes on RSF positions."
    )
    by_type = {e.sub_event_type: e for e in report.events}
    assert by_type["Shelling/artillery/missile attack"].fatalities == 12
    assert by_type["Air/drone strike"].fatalities is None
    # a clause that only refers back ("the strikes killed") still gives its figure
    back = top(extract_text("Russian missiles hit Kharkiv overnight, and the strikes killed four people."))
    assert back.fatalities == 4


def test_events_a_bare_killing_beside_a_strike_is_the_strike(extract_text):
    report = extract_text("Two people were killed in Kramatorsk, Ukraine, when a missile struck an apartment block.")
    assert [e.sub_event_type for e in report.events] == ["Shelling/artillery/missile attack"]
    assert report.events[0].fatalities == 2


def test_events_a_border_named_as_reference_is_not_the_location(extract_text):
    report = extract_text(
        "Gunmen attacked residents in Seno province in Burkina Faso, near the border with Niger, on Saturday."
    )
    assert report.events and report.events[0].location.country == "BF"


def test_events_a_coup_is_no_territory_change(extract_text):
    event = top(extract_text("The army seized power in a coup in Niger on Wednesday."))
    assert event is not None and event.sub_event_type == "Other"


def test_events_a_report_that_narrows_down_is_located_at_the_narrower_place(extract_text):
    report = extract_text(
        "Russian forces shelled Kharkiv in Ukraine on Tuesday, killing four civilians. "
        "Rockets hit the Saltivka district in the north-east of the city."
    )
    shelling = [e for e in report.events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert len(shelling) == 1 and shelling[0].location.name == "Saltivka"


def test_events_dispersal_after_a_protest_is_its_intervention(extract_text):
    report = extract_text(
        "Hundreds of protesters blocked roads in the southern city of Nasiriyah in Iraq to demand jobs. "
        "Security forces fired tear gas to disperse them, and at least 20 people were injured."
    )
    assert [e.sub_event_type for e in report.events] == ["Protest with intervention"]
    assert report.events[0].actor1.type == "Protesters"


def test_events_a_claim_of_responsibility_names_the_attacker(extract_text):
    report = extract_text(
        "A suicide bomber struck a mosque in Kunduz, Afghanistan, on Friday, killing 46 worshippers. "
        "The Islamic State group's affiliate in Afghanistan claimed responsibility."
    )
    bombing = top(report)
    assert bombing.sub_event_type == "Suicide bomb"
    assert bombing.actor1 is not None and "Islamic State" in bombing.actor1.name
    span = bombing.spans["actor1"]
    assert report.document.text[span.start : span.end] == span.text and span.sentence == 1
    assert any(e.sentence == 1 for e in bombing.evidence)


def test_events_the_rule_context_uses_the_actors_type_on_the_day(extract_text):
    # the Taliban are Afghanistan's state forces after 2021-08-15: their arrests are arrests
    after = top(extract_text("Taliban fighters arrested two suspects in Kunduz, Afghanistan.", published="2021-10-09"))
    before = top(extract_text("Taliban fighters arrested two suspects in Kunduz, Afghanistan.", published="2019-10-09"))
    assert (after.sub_event_type, before.sub_event_type) == ("Arrests", "Abduction/forced disappearance")


def test_events_a_demonym_before_the_strike_names_the_forces(extract_text):
    event = top(extract_text("Israeli air strikes killed at least 12 people in the Gaza Strip on Tuesday."))
    assert event.sub_event_type == "Air/drone strike"
    assert event.actor1 is not None and event.actor1.country == "IL" and event.spans["actor1"].text == "Israeli"


def test_events_a_government_named_as_fighting_is_its_military(extract_text):
    event = top(extract_text("Israel's Iron Dome system intercepted most of the rockets over Sderot."))
    assert event.sub_event_type == "Disrupted weapons use"
    assert event.actor1 is not None and event.actor1.name.startswith("Military Forces of Israel")


def test_events_a_raid_that_kills_villagers_is_an_attack(extract_text):
    event = top(extract_text("ADF militants killed at least 18 villagers in an overnight raid in North Kivu."))
    assert event.sub_event_type == "Attack" and event.fatalities == 18


def test_events_the_dateline_is_not_the_events_place(extract_text):
    report = extract_text("GOMA, Congo (Reuters) - M23 rebels seized the town of Rubaya on Tuesday, residents said.")
    capture = top(report)
    assert capture.sub_event_type == "Non-state actor overtakes territory"
    # Rubaya is not in the bundled gazetteer: the capture is near the dateline's city at
    # best, and no control claim is made about a place the text did not name for it
    assert capture.location is None or capture.location.geo_precision >= 2
    assert not [c for c in report.control if c.place.name == "Goma"]


def test_events_a_denied_claim_names_nobody(extract_text):
    report = extract_text(
        "A car bomb exploded at a checkpoint in Mogadishu, Somalia, on Friday, killing five soldiers. "
        "Al Shabaab has not claimed the attack."
    )
    assert top(report).actor1 is None


def test_events_a_crowd_named_in_a_blame_statement_is_no_event(extract_text):
    report = extract_text(
        'Iran\'s interior minister blamed "rioters" and foreign enemies for the unrest in Tehran, Iran.'
    )
    assert not [e for e in report.events if e.event_type in ("Riots", "Protests")]


def test_events_the_day_it_was_said_is_not_the_day_it_happened(extract_text):
    report = extract_text(
        "Boko Haram insurgents attacked the village of Kautikari in Borno state, Nigeria, late Saturday, "
        "residents said Monday. The extremists arrived on motorcycles, shooting residents.",
        published="2023-01-09",
    )
    assert {e.date for e in report.events} == {"2023-01-07"}


def test_events_killing_and_abducting_is_an_attack_told_once(extract_text):
    report = extract_text(
        "Boko Haram kills 30 in Borno village raid\n\n"
        "Boko Haram insurgents killed 30 people and abducted 15 women in an attack on a village in "
        "Borno state, Nigeria, on Saturday. The extremists arrived on motorcycles, shooting residents.",
        published="2023-01-09",
    )
    assert [e.sub_event_type for e in report.events] == ["Attack"]
    assert report.events[0].fatalities == 30 and len(report.events[0].evidence) == 3


def test_events_two_sides_that_clashed_are_actor1_and_actor2(extract_text):
    report = extract_text(
        "Ethiopian federal forces and Tigrayan rebels clashed near Alamata in Tigray on Wednesday, "
        "as fighting resumed after a five-month truce."
    )
    assert [e.sub_event_type for e in report.events] == ["Armed clash"]  # the truce is background
    clash = report.events[0]
    assert clash.actor1.country == "ET" and clash.actor1.type == "State forces"
    assert clash.actor2 is not None and clash.actor2.type == "Rebel groups"


def test_events_repelling_the_attackers_is_a_clash(extract_text):
    report = extract_text(
        "Boko Haram insurgents attacked a village in Borno state, Nigeria, on Saturday, killing 30 people. "
        "Soldiers arrived hours later and repelled the attackers."
    )
    clash = [e for e in report.events if e.sub_event_type == "Armed clash"]
    assert clash and clash[0].actor1.type == "State forces"
