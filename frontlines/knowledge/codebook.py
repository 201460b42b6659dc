"""The codebook: ACLED's types, trigger patterns, lexicons and rules, loaded and checked.

A codebook that does not name exactly the contract's 25 sub-event types, or whose
rules refer to unknown lexicons or types, is refused with a ``KnowledgeError``
naming the file and the key, because a silently ignored rule is worse than none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from frontlines.errors import KnowledgeError
from frontlines.knowledge.patterns import IrregularTable, expand
from frontlines.types import ACTOR_TYPES, CONTROL_STATUSES, SUB_EVENT_TYPES

RULE_CONDITIONS = frozenset(
    {
        "sub_event_type",
        "context",
        "context_all",
        "not_context",
        "scope",
        "target",
        "actor1_type",
        "not_actor1_type",
        "actor1_home",
        "has_actor",
        "max_weight",
        "before",
        "not_target",
        "min_weight",
        "actor1_not",
        "place_after",
        "trigger_in",
    }
)
SCOPES = ("clause", "sentence", "window", "document")


@dataclass(frozen=True, slots=True)
class Trigger:
    tokens: tuple[str, ...]
    sub_event_type: str
    weight: float
    pattern: str

    @property
    def event_type(self) -> str:
        return SUB_EVENT_TYPES[self.sub_event_type]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    when: Mapping[str, Any]
    then: str  # a sub-event type, or "drop"

    @property
    def scope(self) -> str:
        return self.when.get("scope", "sentence")


@dataclass(slots=True)
class SubType:
    name: str
    event_type: str
    definition: str
    note: str


@dataclass(slots=True)
class Codebook:
    sub_types: dict[str, SubType] = field(default_factory=dict)
    triggers: list[Trigger] = field(default_factory=list)
    lexicons: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    vague_numbers: dict[str, int] = field(default_factory=dict)
    control: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    not_triggers: list[tuple[str, ...]] = field(default_factory=list)
    capitalised_triggers: set[str] = field(default_factory=set)
    sources: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, paths: Sequence[Path], *, irregular: IrregularTable | None = None) -> Codebook:
        """Load the shipped codebook and any user files over it (their rules run first)."""
        book = cls()
        for i, path in enumerate(paths):
            data = _read_yaml(path)
            book._merge(data, path=str(path), base=i == 0, irregular=irregular)
        book._check_complete(str(paths[0]))
        return book

    def note_template(self, sub_event_type: str) -> str:
        sub = self.sub_types.get(sub_event_type)
        return sub.note if sub else "{actor1}: " + sub_event_type.lower()

    # -- loading -----------------------------------------------------------------
    def _merge(self, data: Mapping[str, Any], *, path: str, base: bool, irregular: IrregularTable | None) -> None:
        self.sources.append(path)
        for word, value in (data.get("vague_numbers") or {}).items():
            if not isinstance(value, int) or value < 0:
                raise KnowledgeError(f"vague_numbers.{word}: not a count", path=path)
            self.vague_numbers[str(word).lower()] = value
        for ev_name, ev in (data.get("event_types") or {}).items():
            subs = (ev or {}).get("sub_event_types") or {}
            for sub_name, sub in subs.items():
                self._add_sub_type(ev_name, sub_name, sub or {}, path=path, base=base, irregular=irregular)
        for name, patterns in (data.get("lexicons") or {}).items():
            tokens = self.lexicons.setdefault(name, [])
            tokens.extend(expand_patterns(patterns, where=f"lexicons.{name}", path=path, irregular=irregular))
        self.capitalised_triggers.update(str(w).lower() for w in data.get("capitalised_triggers") or [])
        self.not_triggers.extend(
            expand_patterns(data.get("not_triggers") or [], where="not_triggers", path=path, irregular=irregular)
        )
        for status, patterns in (data.get("control") or {}).items():
            if status not in CONTROL_STATUSES:
                raise KnowledgeError(f"control.{status}: not a control status {CONTROL_STATUSES}", path=path)
            self.control.setdefault(status, []).extend(
                expand_patterns(patterns, where=f"control.{status}", path=path, irregular=irregular)
            )
        rules = [self._rule(r, i, path) for i, r in enumerate(data.get("rules") or [])]
        self.rules = rules + self.rules if not base else self.rules + rules
        for rule in self.rules:
            self._check_rule(rule, path)

    def _add_sub_type(
        self,
        ev_name: str,
        sub_name: str,
        sub: Mapping[str, Any],
        *,
        path: str,
        base: bool,
        irregular: IrregularTable | None,
    ) -> None:
        where = f"event_types.{ev_name}.{sub_name}"
        if SUB_EVENT_TYPES.get(sub_name) != ev_name:
            raise KnowledgeError(f"{where}: not one of ACLED's sub-event types under {ev_name!r}", path=path)
        if sub_name not in self.sub_types:
            if not base:
                raise KnowledgeError(f"{where}: missing from the base codebook", path=path)
            self.sub_types[sub_name] = SubType(
                name=sub_name,
                event_type=ev_name,
                definition=str(sub.get("definition") or "").strip(),
                note=str(sub.get("note") or "").strip(),
            )
        elif sub.get("note"):
            self.sub_types[sub_name].note = str(sub["note"]).strip()
        for weight, patterns in (sub.get("triggers") or {}).items():
            try:
                w = float(weight)
            except (TypeError, ValueError):
                raise KnowledgeError(f"{where}.triggers: weight {weight!r} is not a number", path=path) from None
            if not 0 < w <= 1:
                raise KnowledgeError(f"{where}.triggers: weight {w} outside (0, 1]", path=path)
            for pattern in patterns or []:
                for tokens in expand_patterns([pattern], where=f"{where}.triggers", path=path, irregular=irregular):
                    self.triggers.append(Trigger(tokens, sub_name, w, pattern))

    def _rule(self, raw: Any, index: int, path: str) -> Rule:
        where = f"rules[{index}]"
        if not isinstance(raw, Mapping) or "then" not in raw:
            raise KnowledgeError(f"{where}: a rule needs `if` and `then`", path=path)
        when = raw.get("if") or {}
        unknown = set(when) - RULE_CONDITIONS
        if unknown:
            raise KnowledgeError(f"{where}: unknown condition(s) {sorted(unknown)}", path=path)
        return Rule(id=str(raw.get("id") or f"rule-{index}"), when=dict(when), then=str(raw["then"]))

    def _check_rule(self, rule: Rule, path: str) -> None:
        where = f"rule {rule.id!r}"
        if rule.then != "drop" and rule.then not in SUB_EVENT_TYPES:
            raise KnowledgeError(f"{where}: `then` {rule.then!r} is not a sub-event type", path=path)
        for key in ("context", "context_all", "not_context", "target", "not_target", "before", "trigger_in"):
            for name in rule.when.get(key) or []:
                if name not in self.lexicons:
                    raise KnowledgeError(f"{where}: unknown lexicon {name!r}", path=path)
        for sub in rule.when.get("sub_event_type") or []:
            if sub not in SUB_EVENT_TYPES:
                raise KnowledgeError(f"{where}: unknown sub-event type {sub!r}", path=path)
        for key in ("actor1_type", "not_actor1_type", "actor1_not"):
            for t in rule.when.get(key) or []:
                if t not in ACTOR_TYPES.values():
                    raise KnowledgeError(f"{where}: unknown actor type {t!r}", path=path)
        if rule.scope not in SCOPES:
            raise KnowledgeError(f"{where}: scope must be one of {SCOPES}", path=path)

    def _check_complete(self, path: str) -> None:
        missing = sorted(set(SUB_EVENT_TYPES) - set(self.sub_types))
        if missing:
            raise KnowledgeError(f"codebook lacks sub-event types: {', '.join(missing)}", path=path)


def expand_patterns(patterns: Any, *, where: str, path: str, irregular: IrregularTable | None) -> list[tuple[str, ...]]:
    if not isinstance(patterns, list):
        raise KnowledgeError(f"{where}: expected a list of patterns", path=path)
    out: list[tuple[str, ...]] = []
    for pattern in patterns:
        try:
            out.extend(expand(str(pattern), irregular))
        except ValueError as e:
            raise KnowledgeError(f"{where}: {e}", path=path) from None
    return out


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key given twice in one mapping (YAML would keep the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _read_yaml(path: Path) -> Mapping[str, Any]:
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_StrictLoader)
    except FileNotFoundError:
        raise KnowledgeError("no such file", path=str(path)) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise KnowledgeError(f"not valid YAML ({getattr(e, 'problem', e)})", path=str(path), line=line) from None
    if not isinstance(data, Mapping):
        raise KnowledgeError("expected a mapping at the top level", path=str(path))
    return data


read_yaml = _read_yaml
