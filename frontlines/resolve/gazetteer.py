"""The Gazetteer protocol, its entry type, and the two name keys every index uses.

Names are searched by key, never by raw text:

- ``fold_key`` folds case, diacritics, apostrophes and punctuation ("Ḩalab" →
  "halab", "Ma'rib" → "marib"), so a match on it is an exact match in spirit.
- ``skeleton_key`` also drops Arabic articles, vowels, doubled letters and the
  common ending and vowel variants of transliteration, so "Hamadaniya",
  "Hamdaniyah", "al-Hamdaniya" and "Hamadaniyeh" share one key. It collides
  more, so the resolver trusts it less (``Candidate.exact`` is False).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, runtime_checkable

# Feature classes (GeoNames): A admin/country, P populated place, S spot/facility,
# H water, L area/region, T terrain, R road, V vegetation, U undersea.
COUNTRY_CODES = frozenset({"PCLI", "PCLS", "PCLD", "PCLF", "PCLIX", "PCL", "TERR"})
ADMIN_CODES = frozenset({"ADM1", "ADM2", "ADM3", "ADM4", "ADMD", "ADM1H", "ADM2H"})
REGION_CODES = frozenset({"CONT", "RGN", "RGNE", "AREA", "SEA", "OCN", "GULF", "BAY", "ZN"})
AIRPORT_CODES = frozenset({"AIRP", "AIRB", "AIRF", "AIRH"})

# Name kinds stored with each key.
NAME_PRIMARY = 0  # the entry's own name
NAME_ALTERNATE = 1  # an alternate name or transliteration
NAME_ABBREVIATION = 2  # "Ill.", "U.S.", "UK": only as written (case-sensitive)
NAME_DEMONYM = 3  # "Syrian", "Russians": an adjective or people, not the place itself
NAME_SHORT = 4  # a facility's name without its type word ("Kuweires" for "Kuweires Air Base")


@dataclass(slots=True, frozen=True)
class Entry:
    """One gazetteer record; ``id`` is unique within its gazetteer."""

    id: str
    name: str
    latitude: float
    longitude: float
    feature_class: str = "P"
    feature_code: str = "PPL"
    country: str | None = None
    admin1: str | None = None  # a name, not a code
    admin2: str | None = None
    population: int = 0
    parent: str | None = None  # id of the containing place, in any installed gazetteer
    gazetteer: str = "geonames"
    alternate_names: tuple[str, ...] = ()
    admin1_code: str | None = None  # "SY.09": compares places inside one country

    @property
    def is_country(self) -> bool:
        return self.feature_code in COUNTRY_CODES

    @property
    def is_admin(self) -> bool:
        return self.feature_class == "A" and not self.is_country

    @property
    def is_region(self) -> bool:
        return self.feature_code in REGION_CODES or (
            self.feature_class in "LHT" and self.feature_code not in AIRPORT_CODES
        )


@dataclass(slots=True, frozen=True)
class Candidate:
    """An entry found under a key, with how it matched."""

    entry: Entry
    kind: int  # NAME_* constant
    exact: bool  # matched on fold_key (True) or only on skeleton_key (False)
    priority: int = 0  # the gazetteer's priority: overlays > full GeoNames > bundled
    form: str | None = None  # for abbreviations: the exact written form ("Ill.") to require


@runtime_checkable
class Gazetteer(Protocol):
    """Anything that finds entries by name key. Indexes, overlays and test fakes implement it."""

    name: str
    priority: int

    def lookup(self, keys: Iterable[str], *, skeleton: bool = False) -> dict[str, list[Candidate]]:
        """Entries for each key found (fold keys, or skeleton keys when ``skeleton``)."""
        ...

    def get(self, id: str) -> Entry | None:
        """One entry by id, or None."""
        ...


# -- name keys ------------------------------------------------------------------

_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ħ": "h",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "þ": "th",
        "ð": "d",
        "&": " and ",
    }
)
# Apostrophes, ayn/hamza marks and primes vanish: "Ma'rib" = "Marib", "Sanʿaʾ" = "Sana".
_DROP = re.compile(r"['’‘`´ʿʾʼʻ′\u02b9\u02bc\u02be\u02bf]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "er", "es", "ez", "ul", "il"})
# Ordered rewrites on the article-free, space-free fold: vowel digraphs, then letters
# that transliterations swap. Applied before vowels are dropped.
_SKELETON_REWRITES = (
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("kh", "k"),
    ("gh", "g"),
    ("q", "k"),
    ("ph", "f"),
    ("dh", "d"),
    ("th", "t"),
    ("sh", "s"),
    ("ch", "c"),
    ("dj", "j"),
    ("zh", "j"),
    ("ck", "k"),
    ("x", "ks"),
)
_ENDING = re.compile(r"(?:iyy?[ae]h?|iyy?a|ij?[ae]h|eh|ah|yah|yeh|iy)$")
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def fold_key(text: str) -> str:
    """Lowercase ASCII words separated by single spaces; '' when nothing is left."""
    text = _DROP.sub("", text.translate(_SPECIAL))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _NON_WORD.sub(" ", text).strip()


@lru_cache(maxsize=200_000)
def skeleton_key(text: str) -> str:
    """The transliteration-robust key: articles, vowels, endings and doubling removed."""
    words = fold_key(text).split()
    if not words:
        return ""
    words = [w for i, w in enumerate(words) if not (w in ARTICLES and i + 1 < len(words))]
    out = []
    for word in words:
        if word.isdigit():
            out.append(word)
            continue
        for old, new in _SKELETON_REWRITES:
            word = word.replace(old, new)
        if len(word) > 4:
            word = _ENDING.sub("i", word)
        head, tail = word[0], _VOWELS.sub("", word[1:])
        word = _DOUBLE.sub(r"\1", head + tail)
        if len(word) > 2 and word.endswith("h"):
            word = word[:-1]
        out.append(word)
    return "".join(out)


def name_keys(name: str) -> tuple[str, str]:
    """(fold_key, skeleton_key) of one name."""
    return fold_key(name), skeleton_key(name)


def is_latin(name: str) -> bool:
    """True when the name is written in Latin script (other scripts are not indexed)."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 for c in letters)


def usable_alternates(name: str, alternates: Sequence[str]) -> list[str]:
    """Latin-script alternates worth indexing: not codes ("ALP"), not duplicates of the name."""
    seen = {fold_key(name)}
    out = []
    for alt in alternates:
        alt = alt.strip()
        if len(alt) < 2 or not is_latin(alt) or (alt.isupper() and len(alt) <= 4):
            continue
        key = fold_key(alt)
        if key and key not in seen:
            seen.add(key)
            out.append(alt)
    return out
