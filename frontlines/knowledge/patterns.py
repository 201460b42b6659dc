"""A small phrase-pattern language, so knowledge files list lemmas, not every inflection.

Syntax, one phrase per string, words separated by spaces:

- ``shell*``        a verb: shell, shells, shelled, shelling (irregulars from ``cues.yaml``)
- ``bomb+``         a noun: bomb, bombs
- ``(took|seized)`` alternatives; ``(full|complete)?`` optional alternatives
- ``...``           a gap of up to three words ("set* up ... base+": "set up a new military base")
- anything else     a literal word (matched case-insensitively, diacritics folded)

``expand("seize* (full|complete)? control of")`` yields 12 token tuples.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator, Mapping

_VOWELS = set("aeiou")
GAP = "\x01gap"  # the token "..." stands for: 0-3 arbitrary words (see PhraseTrie)
GAP_MAX = 3
_WORD_SPLIT = re.compile(r"\s+")

# Irregular verbs: base -> (3rd person, past, past participle, gerund); filled from cues.yaml.
IrregularTable = Mapping[str, tuple[str, ...]]


def fold(text: str) -> str:
    """The matching key of a word: lower case, straight apostrophes, no diacritics."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("ʼ", "'")
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def verb_forms(base: str, irregular: IrregularTable | None = None) -> tuple[str, ...]:
    """All forms of a regular or irregular verb (over-generation is harmless for matching)."""
    if irregular and base in irregular:
        return tuple(dict.fromkeys((base, *irregular[base])))
    forms = [base]
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        stem = base[:-1]
        forms += [base + "s", base + "d", stem + "ing"]
    elif base.endswith("y") and len(base) > 1 and base[-2] not in _VOWELS:
        stem = base[:-1]
        forms += [stem + "ies", stem + "ied", base + "ing"]
    else:
        third = base + "es" if base.endswith(("s", "sh", "ch", "x", "z", "o")) else base + "s"
        forms += [third, base + "ed", base + "ing"]
        if _cvc(base):
            forms += [base + base[-1] + "ed", base + base[-1] + "ing"]
    return tuple(dict.fromkeys(forms))


def noun_forms(base: str) -> tuple[str, ...]:
    if base.endswith(("s", "sh", "ch", "x", "z")):
        return (base, base + "es")
    if base.endswith("y") and len(base) > 1 and base[-2] not in _VOWELS:
        return (base, base[:-1] + "ies")
    return (base, base + "s")


def _cvc(word: str) -> bool:
    if len(word) < 3:
        return False
    a, b, c = word[-3], word[-2], word[-1]
    return a not in _VOWELS and b in _VOWELS and c not in _VOWELS and c not in "wxy"


def _alternatives(word: str, irregular: IrregularTable | None) -> list[tuple[str, ...]]:
    """Each alternative is a tuple of tokens (an alternative may itself hold spaces)."""
    optional = word.endswith(")?")
    if word.startswith("(") and (word.endswith(")") or optional):
        inner = word[1:-2] if optional else word[1:-1]
        options: list[tuple[str, ...]] = []
        for alt in inner.split("|"):
            options.extend(_alternatives(alt, irregular))
        return ([()] if optional else []) + options
    if word == "...":
        return [(GAP,)]
    if word.endswith("*"):
        return [(f,) for f in verb_forms(word[:-1], irregular)]
    if word.endswith("+") and len(word) > 1:
        return [(f,) for f in noun_forms(word[:-1])]
    return [(word,)]


def expand(pattern: str, irregular: IrregularTable | None = None) -> Iterator[tuple[str, ...]]:
    """Every token sequence a pattern stands for, folded; raises ValueError on bad syntax."""
    if pattern.count("(") != pattern.count(")"):
        raise ValueError(f"unbalanced parentheses in {pattern!r}")
    words = _split(pattern.strip())
    if not words:
        raise ValueError("empty pattern")
    slots = [_alternatives(w, irregular) for w in words]
    for combo in itertools.product(*slots):
        tokens = tuple(t if t == GAP else fold(t) for part in combo for t in part for t in t.split())
        if tokens:
            yield tokens


def _split(pattern: str) -> list[str]:
    """Split on spaces outside parentheses."""
    out, depth, current = [], 0, []
    for ch in pattern:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch.isspace() and depth == 0:
            if current:
                out.append("".join(current))
                current = []
        else:
            current.append(ch)
    if current:
        out.append("".join(current))
    return out
