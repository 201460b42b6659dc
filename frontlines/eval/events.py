"""Event typing scores: does the most confident event carry the gold sub-event type?

Gold rows are ``{"id", "text", "label"}``; ``label`` is an ACLED sub-event type or a
CASE 2021 code (mapped by ``data/eval/case2021.yaml``); a label mapping to null (or
``"none"``) means no ACLED event should come out. Reported: accuracy on the
ACLED-labelled rows, the share of non-event rows with nothing emitted, per-type
precision/recall/F1 (with "none" as a class) and the most frequent confusions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from frontlines.config import data_path
from frontlines.errors import EvalError
from frontlines.types import SUB_EVENT_TYPES

NONE = "none"


@dataclass(slots=True)
class Scored:
    id: str
    gold: str  # a sub-event type, or NONE
    predicted: str  # the top event's sub-event type, or NONE
    confidence: float | None = None


@dataclass(slots=True)
class EventScores:
    rows: list[Scored] = field(default_factory=list)

    @property
    def event_rows(self) -> list[Scored]:
        return [r for r in self.rows if r.gold != NONE]

    @property
    def none_rows(self) -> list[Scored]:
        return [r for r in self.rows if r.gold == NONE]

    @property
    def accuracy(self) -> float:
        rows = self.event_rows
        return sum(r.predicted == r.gold for r in rows) / len(rows) if rows else 0.0

    @property
    def none_rate(self) -> float:
        rows = self.none_rows
        return sum(r.predicted == NONE for r in rows) / len(rows) if rows else 0.0

    def per_type(self) -> dict[str, dict[str, float]]:
        labels = sorted({r.gold for r in self.rows} | {r.predicted for r in self.rows})
        out = {}
        for label in labels:
            tp = sum(r.gold == label and r.predicted == label for r in self.rows)
            fp = sum(r.gold != label and r.predicted == label for r in self.rows)
            fn = sum(r.gold == label and r.predicted != label for r in self.rows)
            p = tp / (tp + fp) if tp + fp else 0.0
            rc = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
            out[label] = {"precision": p, "recall": rc, "f1": f1, "support": tp + fn}
        return out

    @property
    def weighted_f1(self) -> float:
        table = self.per_type()
        total = sum(v["support"] for v in table.values())
        return sum(v["f1"] * v["support"] for v in table.values()) / total if total else 0.0

    def confusions(self, n: int = 10) -> list[tuple[str, str, int]]:
        pairs = Counter((r.gold, r.predicted) for r in self.rows if r.gold != r.predicted)
        return [(g, p, c) for (g, p), c in pairs.most_common(n)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": len(self.rows),
            "event_rows": len(self.event_rows),
            "none_rows": len(self.none_rows),
            "accuracy": round(self.accuracy, 4),
            "none_rate": round(self.none_rate, 4),
            "weighted_f1": round(self.weighted_f1, 4),
            "per_type": {k: {m: round(v, 4) for m, v in d.items()} for k, d in self.per_type().items()},
            "confusions": [{"gold": g, "predicted": p, "count": c} for g, p, c in self.confusions()],
        }


def label_map() -> dict[str, str | None]:
    return yaml.safe_load(data_path("eval", "case2021.yaml").read_text(encoding="utf-8"))


def gold_label(raw: Any, mapping: dict[str, str | None], *, path: str, line: int) -> str:
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in ("none", "null", "")):
        return NONE
    if not isinstance(raw, str):
        raise EvalError("label must be a string", path=path, line=line)
    if raw in SUB_EVENT_TYPES:
        return raw
    if raw in mapping:
        return mapping[raw] or NONE
    raise EvalError(f"unknown label {raw!r} (use an ACLED sub-event type or a CASE code)", path=path, line=line)


def read_gold(path: str | Path) -> list[tuple[str, str, str]]:
    """(id, text, gold sub-event type or NONE) per row."""
    import json

    mapping = label_map()
    where = str(path)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise EvalError("no such file", path=where) from None
    except UnicodeDecodeError:
        raise EvalError("not UTF-8", path=where) from None
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise EvalError(f"not valid JSON ({e.msg})", path=where, line=n) from None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise EvalError("each row needs a 'text' string", path=where, line=n)
        label = row.get("label") if "label" in row else row.get("acled")
        out.append((str(row.get("id", n)), row["text"], gold_label(label, mapping, path=where, line=n)))
    if not out:
        raise EvalError("no rows", path=where)
    return out


def score(rows: Iterable[tuple[str, str, str]], pipeline: Any) -> EventScores:
    """Run extraction on each text and compare its most confident event with the gold type."""
    from frontlines.errors import FrontlinesError
    from frontlines.ingest.read import document_from_text

    scores = EventScores()
    for rid, text, gold in rows:
        try:
            doc, warnings = document_from_text(text, key=rid)
            report = pipeline.extract_document(doc, warnings=warnings)
        except FrontlinesError:
            scores.rows.append(Scored(rid, gold, NONE))
            continue
        top = max(report.events, key=lambda e: e.confidence, default=None)
        scores.rows.append(Scored(rid, gold, top.sub_event_type if top else NONE, top.confidence if top else None))
    return scores
