"""Name keys: folding and transliteration-robust skeletons."""

from __future__ import annotations

import pytest

from frontlines.resolve.gazetteer import fold_key, skeleton_key, usable_alternates


@pytest.mark.parametrize(
    "variants",
    [
        # the issue's own example: one district, four spellings
        ("Hamadaniya", "Hamdaniyah", "al-Hamdaniya", "Hamadaniyeh"),
        ("al-Ramousa", "Ar-Ramouseh", "Ramousa"),  # article and -a/-eh ending
        ("Kweres", "Kuweires"),  # vowel variants
        ("Deir ez-Zor", "Deir al-Zour"),  # article inside the name, ou/o
        ("Sheikh Maqsoud", "Shaykh Maqsud", "Ash-Sheikh Maqsoud"),  # ee/ay, q, ou/u
        ("Hodeidah", "Al Hudaydah"),  # vowels and doubled letters
        ("Taiz", "Ta'izz", "Taʿizz"),  # apostrophes and ʿ
    ],
)
def test_gazetteer_skeleton_key_joins_transliterations(variants):
    assert len({skeleton_key(v) for v in variants}) == 1


def test_gazetteer_fold_key_drops_diacritics_and_apostrophes():
    # "Ḩalab" is GeoNames' romanisation of Aleppo's Arabic name
    assert fold_key("Ḩalab") == "halab"
    assert fold_key("Ma'rib") == fold_key("Marib") == "marib"


def test_gazetteer_skeleton_key_keeps_distinct_names_apart():
    # the skeleton must not merge unrelated cities
    assert skeleton_key("Aleppo") != skeleton_key("Homs")


def test_gazetteer_usable_alternates_skip_codes_and_other_scripts():
    # "ALP" is an airport code and "حلب" is not Latin: neither is a usable English name
    assert usable_alternates("Aleppo", ["ALP", "حلب", "Halab", "Aleppo"]) == ["Halab"]


def test_gazetteer_crowded_name_keeps_the_most_populous(tmp_path):
    # a name shared by more places than a lookup returns (a stream name in allCountries)
    # keeps its most populous ones, in one query or in a batch
    from frontlines.resolve.gazetteer import NAME_PRIMARY, Entry
    from frontlines.resolve.gazetteers.index import _PER_KEY, IndexWriter, SqliteGazetteer

    writer = IndexWriter(tmp_path / "g.sqlite", name="g", kind="test", priority=0, source="test")
    for n in range(_PER_KEY + 5):
        entry = Entry(id=str(n), name="Mill Creek", latitude=0.0, longitude=0.0, population=n)
        writer.add(entry, [("Mill Creek", NAME_PRIMARY)])
    gaz = SqliteGazetteer(writer.commit())
    for keys in (["mill creek"], ["mill creek", "nowhere"]):
        found = SqliteGazetteer(gaz.path).lookup(keys)["mill creek"]
        assert len(found) == _PER_KEY
        assert max(c.entry.population for c in found) == _PER_KEY + 4


def test_gazetteer_reader_caches_misses_too(default_gazetteer):
    # a name that is nowhere is asked of SQLite once, then answered from memory
    assert default_gazetteer.lookup(["qwzzrt nowhere"]) == {}
    assert default_gazetteer._answers[False]["qwzzrt nowhere"] == []
