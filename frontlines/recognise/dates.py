"""Date ruler: absolute and relative date expressions → ``doc.spans["dates"]``.

Rules first, because news dates are mostly relative to the publication date
("on Friday", "yesterday", "last August") and dateparser either returns nothing
for those or reads unrelated numbers ("the 3000 apartments") as years. The span
label is the expression's kind; ``resolve/dates.py`` turns it into a date.
Month and weekday names must be capitalised, so "may" and "march" stay verbs.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from frontlines.recognise.base import doc_text, write_spans

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?"
)
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|a few|several|\\d{1,2}"
_ORD = r"(?:st|nd|rd|th)?"
_I = "(?i:"  # inline case-insensitive group for the non-name words

# Order matters: longer, more specific expressions first.
PATTERNS: list[tuple[str, str]] = [
    (
        "range_md",
        rf"\b(?:between|from)\s+(?P<m>{MONTHS})\s+(?P<d1>\d{{1,2}}){_ORD}\s+(?:and|to|until)\s+(?P<d2>\d{{1,2}}){_ORD}(?:,?\s+(?P<y>\d{{4}}))?\b",
    ),
    (
        "range_dm",
        rf"\b(?:between|from)\s+(?P<d1>\d{{1,2}}){_ORD}\s+(?:and|to|until)\s+(?P<d2>\d{{1,2}}){_ORD}\s+(?P<m>{MONTHS})(?:,?\s+(?P<y>\d{{4}}))?\b",
    ),
    (
        "range_md",
        rf"\b(?P<m>{MONTHS})\s+(?P<d1>\d{{1,2}})\s*[-–]\s*(?P<d2>\d{{1,2}})(?:,?\s+(?P<y>\d{{4}}))?\b",
    ),
    ("iso", r"\b(?P<y>\d{4})-(?P<mn>\d{2})-(?P<d>\d{2})\b"),
    ("dmy", rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m>{MONTHS}),?\s+(?P<y>\d{{4}})\b"),
    ("mdy", rf"\b(?P<m>{MONTHS})\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})\b"),
    ("dm", rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m>{MONTHS})\b"),
    ("md", rf"\b(?P<m>{MONTHS})\s+(?P<d>\d{{1,2}}){_ORD}\b(?!\s*[,:]?\s*\d)"),
    ("my", rf"\b(?P<m>{MONTHS}),?\s+(?P<y>\d{{4}})\b"),
    (
        "month",
        rf"\b{_I}(?P<rel>last|this|next|early|mid-?|late|in|since|during|until|by|of|from|earlier in|later in))"
        rf"\s+(?P<m>{MONTHS})\b",
    ),
    (
        "weekday",
        rf"\b(?:{_I}(?P<rel>last|this|next|on|early|late|since|until|by|from)\s+))?(?P<wd>{WEEKDAYS})"
        rf"(?:\s+{_I}(?:morning|afternoon|evening|night)))?\b",
    ),
    ("day_before", rf"\b{_I}the day before yesterday)\b"),
    (
        "shift",
        rf"\b{_I}(?:(?P<n>{NUMBER_WORDS})\s+(?P<unit>days?|nights?)\s+(?P<dir>earlier|before|later|after)"
        r"|the (?P<prev>previous|next|following) (?:day|night)|the (?:day|night) (?P<bef>before|after)"
        r"|(?P<dayl>a day) (?P<dir2>earlier|later)))\b",
    ),
    ("ago", rf"\b{_I}(?P<n>{NUMBER_WORDS})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago)\b"),
    ("yesterday", rf"\b{_I}yesterday(?:\s+(?:morning|afternoon|evening))?|last night|overnight)\b"),
    (
        "today",
        rf"\b{_I}today|tonight|this (?:morning|afternoon|evening)|earlier today|later today)\b",
    ),
    (
        "week",
        rf"\b{_I}(?P<rel>last|this|earlier this|late last|early last|past|previous)\s+week(?:end)?)\b",
    ),
    ("weekend", rf"\b{_I}(?:over|at|during) the weekend)\b"),
    (
        "month_rel",
        rf"\b{_I}(?P<rel>last|this|earlier this|late last|early last|early this|past|previous)\s+month)\b",
    ),
    (
        "year_rel",
        rf"\b{_I}(?P<rel>last|this|earlier this|late last|early last|early this|past|previous)\s+year)\b",
    ),
    (
        "year",
        rf"\b{_I}(?P<rel>in|since|during|until|by|early|late|mid-?))\s+(?P<y>(?:19|20)\d{{2}})\b(?!\s*(?:people|fighters|troops|km|kilometres|apartments?|homes))",
    ),
    (
        "same_day",
        rf"\b{_I}(?:on )?the same day|by (?:the )?(?:evening|nightfall|night|afternoon|morning|noon|midday|dawn|dusk)"
        r"|at (?:dawn|dusk|night|noon|midnight)|in the (?:morning|afternoon|evening))\b",
    ),
]
COMPILED = [(kind, re.compile(pattern)) for kind, pattern in PATTERNS]


# Every date expression holds one of these anchors; only the patterns that can
# contain the anchor's class run, and only in a window around it.
ANCHOR = re.compile(
    rf"\b(?:(?P<name>{MONTHS})|(?P<weekday>{WEEKDAYS})|(?P<digits>\d{{4}})"
    r"|(?P<ago>(?i:ago))|(?P<today>(?i:yesterday|today|tonight|overnight))|(?P<week>(?i:week|weekend))"
    r"|(?P<month>(?i:month))|(?P<year>(?i:year))|(?P<day>(?i:day|days|nights?))"
    r"|(?P<time>(?i:morning|afternoon|evening|nightfall|dawn|dusk|noon|midday|midnight)))\b"
)
_CLASS_KINDS = {
    "name": {"range_md", "range_dm", "dmy", "mdy", "dm", "md", "my", "month"},
    "weekday": {"weekday"},
    "digits": {"iso", "year", "dmy", "mdy", "my", "range_md", "range_dm"},
    "ago": {"ago"},
    "today": {"yesterday", "today"},
    "week": {"week", "weekend", "ago"},
    "month": {"month_rel", "ago"},
    "year": {"year_rel", "ago"},
    "day": {"shift", "day_before", "same_day", "ago", "yesterday"},
    "time": {"same_day", "today", "yesterday", "weekday"},
}
_REACH = 45  # characters around an anchor a date expression can span


_WORD_CLASS = {
    **{w: "ago" for w in ("ago",)},
    **{w: "today" for w in ("yesterday", "today", "tonight", "overnight")},
    **{w: "week" for w in ("week", "weekend")},
    "month": "month",
    "year": "year",
    **{w: "day" for w in ("day", "days", "night", "nights")},
    **{
        w: "time"
        for w in ("morning", "afternoon", "evening", "nightfall", "dawn", "dusk", "noon", "midday", "midnight")
    },
}
_NAME_CLASS = {
    **{m.lower().rstrip("\\.?"): "name" for m in MONTHS.split("|")},
    **{d.lower(): "weekday" for d in WEEKDAYS.split("|")},
    "sep": "name",
}


def token_anchors(words: list[str], starts: list[int]) -> list[tuple[int, int, str]]:
    """Anchors from tokens (a dict lookup each), for the ruler: much cheaper than the ANCHOR regex."""
    out = []
    for word, start in zip(words, starts, strict=True):
        key = word.lower()
        cls = _WORD_CLASS.get(key)
        if cls is None and word[:1].isupper():
            cls = _NAME_CLASS.get(key.rstrip("."))
        if cls is None and len(word) == 4 and word.isdigit():
            cls = "digits"
        if cls is not None:
            out.append((start, start + len(word), cls))
    return out


def find_dates(text: str, anchors: list[tuple[int, int, str]] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, kind) for each date expression: earlier patterns win, then longer ones."""
    if anchors is None:
        anchors = [(m.start(), m.end(), m.lastgroup or "time") for m in ANCHOR.finditer(text)]
    windows: list[list] = []
    for a_start, a_end, cls in anchors:
        lo, hi = max(0, a_start - _REACH), min(len(text), a_end + _REACH)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
            windows[-1][2].add(cls)
        else:
            windows.append([lo, hi, {cls}])
    found: list[tuple[int, int, str]] = []
    for lo, hi, classes in windows:
        kinds = set().union(*(_CLASS_KINDS[c] for c in classes))
        for kind, regex in COMPILED:
            if kind not in kinds:
                continue
            for m in regex.finditer(text, lo, hi):
                s, e = m.start(), m.end()
                if not any(s < fe and fs < e for fs, fe, _ in found):
                    found.append((s, e, kind))
    return sorted(found)


def parse_groups(text: str, kind: str) -> dict[str, str]:
    """The named parts (m, d, y, rel, wd, n, unit, d1, d2) of one matched expression."""
    for k, regex in COMPILED:
        if k == kind:
            m = regex.fullmatch(text)
            if m:
                return {g: v for g, v in m.groupdict().items() if v is not None}
    return {}


def _starts(doc: Doc) -> list[int]:
    from spacy.attrs import IDX

    return doc.to_array(IDX).tolist() if len(doc) else []


class DateRuler:
    def __init__(self, *, key: str = "dates") -> None:
        self.key = key

    def __call__(self, doc: Doc) -> Doc:
        items = []
        words = doc.user_data.get("frontlines.words")
        anchors = None
        if words is not None:
            anchors = token_anchors(words, _starts(doc))
        for start, end, kind in find_dates(doc_text(doc), anchors):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                items.append((span.start, span.end, kind, ""))
        write_spans(doc, self.key, items)
        return doc
