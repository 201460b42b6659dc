"""Score the geoparser against gold toponyms: the geoparsing literature's standard measures.

- geotagging precision / recall / F1: a predicted span counts when it overlaps a gold
  span (one to one); gold rows whose offsets don't match their text (``ok`` false)
  are matched by phrase instead;
- accuracy within 161 km (100 miles) and median error, over the gold toponyms that
  were recognised (an unresolved prediction counts as wrong, with no error distance).
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from frontlines.errors import EvalError
from frontlines.resolve.gazetteers.ranking import distance_km

ACC_KM = 161.0


@dataclass(slots=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None
    ok: bool = True


@dataclass(slots=True)
class GoldDoc:
    id: str
    text: str
    toponyms: list[GoldToponym]


@dataclass(slots=True)
class PlaceScores:
    documents: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    resolved_within: int = 0
    errors_km: list[float] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy_161(self) -> float:
        return self.resolved_within / self.matched_with_coords if self.matched_with_coords else 0.0

    matched_with_coords: int = 0

    @property
    def median_km(self) -> float | None:
        return round(statistics.median(self.errors_km), 1) if self.errors_km else None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("errors_km")
        d.update(
            precision=round(self.precision, 4),
            recall=round(self.recall, 4),
            f1=round(self.f1, 4),
            accuracy_161km=round(self.accuracy_161, 4),
            median_error_km=self.median_km,
        )
        return d


def read_gold(path: Path) -> Iterator[GoldDoc]:
    """Rows: ``{"id", "text", "toponyms": [{"start", "end", "phrase", "lat", "lon", "ok"}]}``."""
    try:
        handle = Path(path).open(encoding="utf-8")  # noqa: SIM115 - closed by the with below
    except OSError as e:
        raise EvalError(f"can't read the gold file ({e.strerror})", path=str(path)) from None
    with handle:
        for n, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                tops = [
                    GoldToponym(
                        int(t["start"]),
                        int(t["end"]),
                        str(t["phrase"]),
                        float(t["lat"]) if t.get("lat") is not None else None,
                        float(t["lon"]) if t.get("lon") is not None else None,
                        bool(t.get("ok", True)),
                    )
                    for t in row["toponyms"]
                ]
                yield GoldDoc(str(row.get("id", n)), str(row["text"]), tops)
            except (ValueError, KeyError, TypeError) as e:
                raise EvalError(f"not a gold row ({type(e).__name__}: {e})", path=str(path), line=n) from None


def score_document(gold: GoldDoc, mentions: Sequence[Any], scores: PlaceScores) -> None:
    """Add one document's counts; ``mentions`` are PlaceMention-like (start, end, text, place)."""
    scores.documents += 1
    scores.gold += len(gold.toponyms)
    scores.predicted += len(mentions)
    used: set[int] = set()
    for t in gold.toponyms:
        best = None
        for k, m in enumerate(mentions):
            if k in used:
                continue
            if t.ok and m.start < t.end and t.start < m.end:
                best = k
                break
            if not t.ok and m.text.lower() == t.phrase.lower():
                best = k
                break
        if best is None:
            continue
        used.add(best)
        scores.matched += 1
        if t.lat is None or t.lon is None:
            continue
        scores.matched_with_coords += 1
        place = mentions[best].place
        if place is None or place.latitude is None:
            continue
        km = distance_km(t.lat, t.lon, place.latitude, place.longitude)
        scores.errors_km.append(km)
        if km <= ACC_KM:
            scores.resolved_within += 1


def evaluate(
    path: Path,
    *,
    geoparser: Any = None,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> PlaceScores:
    """Run the geoparser over every gold document and score it."""
    from frontlines.recognise.nlp import shared_nlp
    from frontlines.resolve.places import Geoparser

    parser = geoparser or Geoparser()
    nlp = shared_nlp()
    scores = PlaceScores()
    for n, gold in enumerate(read_gold(path)):
        if limit is not None and n >= limit:
            break
        mentions = parser.parse(nlp(gold.text))
        score_document(gold, mentions, scores)
        if progress:
            progress(n + 1)
    if not scores.documents:
        raise EvalError("no gold documents found", path=str(path))
    return scores
