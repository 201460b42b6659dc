"""The actor dictionary: JSONL files of actors with aliases, types and dated names.

Format (one object per line) is documented in ``docs/actors.md``. Later files
override earlier ones by ``id``, so a user's ``--actors FILE`` can correct a
shipped entry as well as add new ones.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontlines.errors import KnowledgeError
from frontlines.knowledge.patterns import fold
from frontlines.recognise.nlp import TOKEN
from frontlines.types import ACTOR_TYPES

ARTICLE_PREFIXES = ("al-", "el-", "ad-", "ar-", "as-", "ash-", "an-", "at-", "az-", "ad-", "ath-")


@dataclass(slots=True)
class DatedName:
    name: str
    start: str | None  # ISO date, inclusive
    end: str | None
    aliases: list[str] = field(default_factory=list)
    type: str | None = None  # the actor type in this period, when it differs

    def covers(self, day: str) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(slots=True)
class ActorEntry:
    id: str
    name: str
    type: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    names: list[DatedName] = field(default_factory=list)
    parent: str | None = None
    affiliations: list[str] = field(default_factory=list)
    context_aliases: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    generic: bool = False
    successor: str | None = None
    note: str = ""

    def period(self, day: str | None) -> DatedName | None:
        if day and self.names:
            for dated in self.names:
                if dated.covers(day):
                    return dated
        return None

    def name_at(self, day: str | None, *, country_name: str | None = None) -> str:
        """The canonical name on a date (dated names), with a generic template filled."""
        dated = self.period(day)
        name = dated.name if dated else self.name
        if self.generic:
            return name.replace("{country}", country_name or "unknown country")
        return name

    def type_at(self, day: str | None) -> str:
        dated = self.period(day)
        return dated.type if dated and dated.type else self.type

    def ended_before(self, day: str | None) -> bool:
        """True when ``day`` falls after the last dated name: the successor acts now."""
        if not day or not self.names or not self.successor:
            return False
        last = self.names[-1].end
        return last is not None and day > last


@dataclass(frozen=True, slots=True)
class Alias:
    """One matchable phrase of an actor."""

    actor_id: str
    kind: str  # alias | context | metonym
    text: str  # as written in the dictionary
    case_sensitive: bool


def alias_tokens(text: str) -> tuple[str, ...]:
    return tuple(fold(m.group()) for m in TOKEN.finditer(text))


def alias_variants(tokens: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The alias as written, plus 'al-X' ↔ 'al X' and possessive-free spellings."""
    yield tokens
    split: list[str] = []
    joined: list[str] = []
    changed = False
    i = 0
    while i < len(tokens):
        t = tokens[i]
        prefix = next((p for p in ARTICLE_PREFIXES if t.startswith(p) and len(t) > len(p)), None)
        if prefix:
            split += [prefix[:-1], t[len(prefix) :]]
            joined.append(t)
            changed = True
        elif t in ("al", "el", "ad", "ar", "as", "ash", "an", "at", "az") and i + 1 < len(tokens):
            split += [t, tokens[i + 1]]
            joined.append(f"{t}-{tokens[i + 1]}")
            changed = True
            i += 1
        else:
            split.append(t)
            joined.append(t)
        i += 1
    if changed:
        yield tuple(split)
        yield tuple(joined)


@dataclass(slots=True)
class ActorDictionary:
    entries: dict[str, ActorEntry] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # folded demonym -> ISO2
    shared_demonyms: dict[str, list[str]] = field(default_factory=dict)  # "congolese" -> [CD, CG]
    country_names: dict[str, str] = field(default_factory=dict)  # ISO2 -> name as in actor names

    @classmethod
    def load(cls, paths: Sequence[Path], *, demonyms: Path | None = None) -> ActorDictionary:
        book = cls()
        for path in paths:
            for entry in _read_jsonl(Path(path)):
                book.entries[entry.id] = entry
        if demonyms and Path(demonyms).exists():
            book._load_demonyms(Path(demonyms))
        return book

    def aliases(self) -> Iterator[Alias]:
        for entry in self.entries.values():
            plain = list(entry.aliases)
            for dated in entry.names:
                plain.append(dated.name)
                plain.extend(dated.aliases)
            if not entry.generic:
                plain.append(entry.name)
            for text in dict.fromkeys(plain):
                yield Alias(entry.id, "alias", text, _cased(text))
            for text in dict.fromkeys(entry.context_aliases):
                yield Alias(entry.id, "context", text, _cased(text))
            for text in dict.fromkeys(entry.metonyms):
                yield Alias(entry.id, "metonym", text, True)

    def government_of(self, country: str, *, kind: str = "military") -> ActorEntry | None:
        """The state actor of a country: its military by default ('the regime', 'Damascus')."""
        best = None
        for entry in self.entries.values():
            if entry.country == country and entry.type == "State forces" and not entry.generic:
                if kind in entry.id:
                    return entry
                best = best or entry
        return best

    def _load_demonyms(self, path: Path) -> None:
        with path.open(encoding="utf-8") as fh:
            rows = csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t")
            header = next(rows, None)
            if not header:
                return
            col = {name: i for i, name in enumerate(header)}
            for row in rows:
                if len(row) < len(header):
                    row += [""] * (len(header) - len(row))
                iso = row[col["iso2"]].strip()
                if not iso:
                    continue
                self.country_names[iso] = row[col["name"]].strip()
                for dem in row[col["demonyms"]].split(";"):
                    if dem.strip():
                        self.demonyms.setdefault(fold(dem.strip()), iso)
                if "shared" in col:
                    for dem in row[col["shared"]].split(";"):
                        if dem.strip():
                            self.shared_demonyms.setdefault(fold(dem.strip()), []).append(iso)


def _cased(text: str) -> bool:
    return any(c.isupper() for c in text)


def _read_jsonl(path: Path) -> Iterator[ActorEntry]:
    try:
        fh = path.open(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeError("no such actor file", path=str(path)) from None
    with fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as e:
                raise KnowledgeError(f"not valid JSON ({e.msg})", path=str(path), line=lineno) from None
            yield _entry(raw, path=str(path), line=lineno)


def _entry(raw: Any, *, path: str, line: int) -> ActorEntry:
    def fail(msg: str) -> KnowledgeError:
        return KnowledgeError(msg, path=path, line=line)

    if not isinstance(raw, dict):
        raise fail("expected a JSON object")
    for key in ("id", "name", "type"):
        if not raw.get(key):
            raise fail(f"missing {key!r}")
    if raw["type"] not in ACTOR_TYPES.values():
        raise fail(f"type {raw['type']!r} is not an ACLED actor type")
    names = []
    for dn in raw.get("names") or []:
        if not isinstance(dn, dict) or not dn.get("name"):
            raise fail("each entry of 'names' needs a 'name'")
        if dn.get("type") and dn["type"] not in ACTOR_TYPES.values():
            raise fail(f"names[].type {dn['type']!r} is not an ACLED actor type")
        names.append(
            DatedName(
                dn["name"],
                dn.get("from"),
                dn.get("to"),
                list(dn.get("aliases") or []),
                dn.get("type"),
            )
        )
    return ActorEntry(
        id=str(raw["id"]),
        name=str(raw["name"]),
        type=raw["type"],
        country=raw.get("country"),
        aliases=list(raw.get("aliases") or []),
        names=names,
        parent=raw.get("parent"),
        affiliations=list(raw.get("affiliations") or []),
        context_aliases=list(raw.get("context_aliases") or []),
        metonyms=list(raw.get("metonyms") or []),
        generic=bool(raw.get("generic", False)),
        successor=raw.get("successor"),
        note=str(raw.get("note") or ""),
    )
