"""Fatalities and other counts, as written.

Fatalities follow ACLED: a figure only when the text gives one (``None`` otherwise,
``0`` when it says nobody died); vague words take the codebook's conservative
values ("dozens" 12, "hundreds" 100); when several figures are given, the lowest.
Quantities ("hundreds" of rockets, around 5,000 fighters) are kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100, "a thousand": 1000,
}  # fmt: skip
_WORDS = sorted(UNITS, key=len, reverse=True)
_QUAL = (
    r"(?:(?:at least|more than|over|nearly|almost|around|about|some|up to|as many as|"
    r"an estimated|roughly|approximately|a total of|only|another|a further)\s+)?"
)
_Q = "[\"“”']?"


def number_regex(vague: Mapping[str, int]) -> str:
    vague_words = sorted(vague, key=len, reverse=True)
    words = "|".join(re.escape(w) for w in [*vague_words, *_WORDS])
    return rf"(?P<num>{_QUAL}{_Q}(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{words})(?:-(?:{words}))?){_Q})"


_VICTIMS = (
    r"(?:people|persons|civilians|soldiers|troops|fighters|militants|rebels|insurgents|policemen|"
    r"police officers|officers|protesters|demonstrators|children|women|men|villagers|residents|"
    r"members|others|combatants|jihadists|gunmen|attackers|workers|students|worshippers|pupils|"
    r"passengers|security personnel|personnel|guards|terrorists|militiamen|servicemen|individuals)"
)
_ONE_VICTIM = (
    r"(?:civilian|man|woman|child|boy|girl|soldier|officer|policeman|policewoman|journalist|teacher|farmer|"
    r"worker|student|member|leader|commander|official|activist|judge|doctor|cleric|imam|priest|person|"
    r"fighter|militant|resident|villager|shepherd|driver|guard|protester|demonstrator)"
)
_KILLED = r"(?:killed|dead|died|slain|massacred|executed|shot dead|lost their lives|perished|murdered)"


_DEATH_WORDS = re.compile(
    r"kill|dead|died|death|slain|fatal|lives|bodies|massacr|execut|perish|murder|casualt|neutrali|nobody|no one|no-one",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Count:
    value: int
    start: int  # char offsets into the text searched
    end: int


class NumberReader:
    def __init__(self, vague: Mapping[str, int]) -> None:
        self.vague = {k.lower(): v for k, v in vague.items()}
        num = number_regex(self.vague)
        self.fatal = [
            re.compile(
                rf"\b(?:kill(?:ed|ing|s)|neutrali[sz](?:ed|ing)[\"”’']?|shot dead|shooting dead|gunned down|"
                rf"claim(?:ed|ing) the lives of|leaving|left)"
                rf"\s+{num}"
                rf"(?:\s+{_VICTIMS})?(?:\s+dead)?",
                re.I,
            ),
            re.compile(
                rf"(?<!\w){num}(?:\s+[\w-]+){{0,3}}?\s+"
                rf"(?:were|was|have been|had been|are|been|reportedly|also)?\s*(?:were\s+)?{_KILLED}\b",
                re.I,
            ),
            re.compile(
                rf"\bdeath toll\s+(?:\w+\s+){{0,3}}?(?:to|of|at|reached|is|was|stood at|stands at)\s+{num}",
                re.I,
            ),
            re.compile(rf"(?<!\w){num}\s+(?:dead|deaths|fatalities|bodies)\b", re.I),
        ]
        # "shot dead a former police officer", "a soldier was killed": one death, as ACLED codes it
        self.one = re.compile(
            rf"\b(?:{_KILLED}|kill(?:ed|ing)|assassinat(?:ed|ing)|gunned down|beheaded|stabbed to death)\s+"
            rf"(?:a|an)\s+(?:[\w-]+\s+){{0,3}}?{_ONE_VICTIM}\b"
            rf"|\b(?:a|an)\s+(?:[\w-]+\s+){{0,3}}?{_ONE_VICTIM}\s+(?:was|has been|had been)\s+"
            rf"(?:{_KILLED}|assassinated|gunned down|beheaded|stabbed to death)\b",
            re.I,
        )
        self.zero = re.compile(
            r"\b(?:no (?:one|casualties|deaths|fatalities|lives)|nobody|no-one)\b(?:\s+\w+){0,3}?\s*"
            r"(?:was |were )?(?:killed|hurt|lost|reported|died)?",
            re.I,
        )
        self.quantity = re.compile(
            rf"(?<!\w){num}\s+(?:of\s+)?(?:[A-Z][\w-]*\s+)?(?:[\w-]+\s+)?"
            r"(?:fighters|troops|soldiers|rockets|missiles|shells|mortars|rounds|protesters|demonstrators|"
            r"vehicles|tanks|drones|bombs|strikes|airstrikes|air strikes|attacks|raids|militants|members|"
            r"police|officers|prisoners|detainees|hostages|families|homes|houses|people|civilians|barrel bombs|"
            r"suicide attacks|suicide bombers|car bombs|projectiles|missile|rocket|shell|supporters|activists|"
            r"students|workers|marchers|gunmen|men|villages|towns)\b",
            re.I,
        )

    def value(self, phrase: str) -> int | None:
        p = phrase.lower().strip("\"“”' ")
        p = re.sub(
            r"^(?:at least|more than|over|nearly|almost|around|about|some|up to|as many as|an estimated|"
            r"roughly|approximately|a total of|only|another|a further)\s+",
            "",
            p,
        ).strip("\"“”' ")
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", p):
            return int(p.replace(",", ""))
        if p in self.vague:
            return self.vague[p]
        if "-" in p:
            parts = [UNITS.get(x) for x in p.split("-")]
            if all(v is not None for v in parts):
                return sum(parts)  # type: ignore[arg-type]
        return UNITS.get(p)

    def fatalities(self, text: str) -> Count | None:
        """The lowest fatality figure given in ``text``; 0 when it says nobody died."""
        if not _DEATH_WORDS.search(text):
            return None
        best: Count | None = None
        for regex in self.fatal:
            for m in regex.finditer(text):
                v = self.value(m.group("num"))
                if v is None or _wounded_only(text, m) or _negated(text, m):
                    continue
                if best is None or v < best.value:
                    best = Count(v, m.start(), m.end())
        if best is None:
            one = self.one.search(text)
            if one is not None and not re.search(r"\b(?:failed|tried|attempted) to\s*$", text[: one.start()]):
                return Count(1, one.start(), one.end())
            z = self.zero.search(text)
            if z and re.search(r"killed|casualt|death|fatalit|died|lives", z.group(), re.I):
                return Count(0, z.start(), z.end())
        return best

    def quantities(self, text: str) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in self.quantity.finditer(text)]


def _wounded_only(text: str, m: re.Match[str]) -> bool:
    """'12 wounded and 3 killed' must not read 12 as dead."""
    between = text[m.start("num") : m.end()].lower()
    return bool(re.search(r"\b(?:wounded|injured|hurt)\b", between)) and not re.search(
        r"\bkill", text[m.start() : m.start("num")].lower()
    )


def _negated(text: str, m: re.Match[str]) -> bool:
    """'No one was killed' is zero, not one."""
    return text[max(0, m.start("num") - 3) : m.start("num")].lower() == "no "
