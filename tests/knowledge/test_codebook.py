"""The codebook is data: it must name ACLED's 25 sub-event types and refuse bad files clearly."""

import re
from pathlib import Path

import pytest

from frontlines.config import Settings
from frontlines.errors import KnowledgeError
from frontlines.knowledge.codebook import Codebook
from frontlines.knowledge.cues import Cues
from frontlines.knowledge.patterns import expand, verb_forms
from frontlines.types import EVENT_TYPES, SUB_EVENT_TYPES


def load(*extra: Path) -> Codebook:
    s = Settings()
    cues = Cues.load(s.cues)
    return Codebook.load([s.codebook, *extra], irregular=cues.irregular_verbs)


def test_codebook_names_exactly_the_contract_sub_event_types(shared):
    contract = shared("contract.md").read_text(encoding="utf-8")
    rows = re.findall(
        r"^\| (Battles|Explosions/Remote violence|Violence against civilians|Protests|Riots|Strategic developments)"
        r" \| ([^|]+?) \|",
        contract,
        re.M,
    )
    from_contract = {sub: ev for ev, sub in rows}
    assert from_contract == SUB_EVENT_TYPES
    book = load()
    assert {name: sub.event_type for name, sub in book.sub_types.items()} == SUB_EVENT_TYPES
    assert sum(len(v) for v in EVENT_TYPES.values()) == 25


def test_every_sub_event_type_has_a_note_template_and_definition():
    book = load()
    for sub in book.sub_types.values():
        assert sub.definition, sub.name
        assert "{" in sub.note or sub.note, sub.name


def test_pattern_language_expands_inflections_and_options():
    assert set(verb_forms("shell")) >= {"shell", "shells", "shelled", "shelling"}
    assert ("took", "full", "control", "of") in set(expand("(took|seized) (full|complete)? control of"))
    with pytest.raises(ValueError, match="unbalanced"):
        list(expand("(took|seized control"))


def test_user_codebook_adds_triggers_and_rules_first(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "event_types:\n  Strategic developments:\n    sub_event_types:\n      Other:\n        triggers:\n"
        '          0.9: ["cyber sabotage"]\n'
        "rules:\n  - id: mine-first\n    if: {sub_event_type: [Other]}\n    then: Change to group/activity\n",
        encoding="utf-8",
    )
    book = load(extra)
    assert any(t.tokens == ("cyber", "sabotage") for t in book.triggers)
    assert book.rules[0].id == "mine-first"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("event_types:\n  Battles:\n    sub_event_types:\n      Skirmish: {}\n", "not one of ACLED's sub-event types"),
        ("rules:\n  - if: {context: [nonexistent]}\n    then: drop\n", "unknown lexicon"),
        ("rules:\n  - if: {colour: red}\n    then: drop\n", "unknown condition"),
        ("rules: [\n", "not valid YAML"),
        ("lexicons:\n  a: [x]\n  a: [y]\n", "duplicate key"),  # YAML would silently keep the last
    ],
)
def test_bad_user_codebook_is_refused_with_file_and_reason(tmp_path, body, message):
    extra = tmp_path / "bad.yaml"
    extra.write_text(body, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=message) as err:
        load(extra)
    assert str(extra) in str(err.value)
