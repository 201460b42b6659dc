"""The walk: Document → spaCy Doc → mentions → resolved → events → Report. Read this first.

1. ``recognise``: the tokenizer marks sentences; rulers write ``doc.spans``
   (actors, dates, triggers, lexicon, cues, control); the geoparser adds places.
2. ``resolve``: the document's focus country decides "the regime" and "rebels";
   dates resolve against the publication date.
3. ``extraction``: one candidate per clause with a trigger; rules refine its type;
   certainty, roles, place, date and numbers come from its clause and sentence.
4. merge within the document, build contract Events and ControlClaims.

``Pipeline`` loads its knowledge once, lazily, so constructing one is cheap and a
batch pays the loading cost a single time. ``frontlines.extract()`` is the
one-call convenience over a shared Pipeline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from frontlines.config import Settings
from frontlines.ingest.read import document_from_text
from frontlines.types import Document, Mention, Report

TextSource = str | Path | Document
STRONG_TRIGGER = 0.85


class Pipeline:
    """A reusable extractor. Not thread-safe; use one per worker process."""

    def __init__(self, settings: Settings | None = None, *, geoparser: Any | None = None) -> None:
        self.settings = settings or Settings()
        self._geoparser = geoparser
        self._parts: _Parts | None = None

    def extract(
        self,
        text: TextSource,
        *,
        published: str | date | None = None,
        source: str | None = None,
        title: str | None = None,
        key: str | None = None,
        url: str | None = None,
    ) -> Report:
        """Extract from a string, a file path (``Path``) or a ready ``Document``."""
        if isinstance(text, Document):
            return self.extract_document(text)
        if isinstance(text, Path):
            from frontlines.ingest.read import read_path

            doc, warnings = read_path(text, published=published, source=source)
        else:
            doc, warnings = document_from_text(text, key=key, title=title, published=published, source=source, url=url)
        return self.extract_document(doc, warnings=warnings)

    def pipe(self, docs: Iterable[Document]) -> Iterator[Report]:
        for doc in docs:
            yield self.extract_document(doc)

    def load(self) -> Pipeline:
        """Load knowledge and gazetteers now rather than on the first document."""
        self._load()
        return self

    def _load(self) -> _Parts:
        if self._parts is None:
            self._parts = _Parts(self.settings, self._geoparser)
        return self._parts

    def extract_document(self, doc: Document, *, warnings: list[str] | None = None) -> Report:
        parts = self._load()
        ctx = parts.context(doc)
        events = parts.events(ctx)
        control = parts.control.claims(ctx, events)
        return Report(
            document=doc,
            events=events,
            control=control,
            mentions=_mentions(ctx, parts),
            warnings=list(warnings or []),
        )


class _Parts:
    """Everything a Pipeline builds once: rulers, resolvers, extractors."""

    def __init__(self, settings: Settings, geoparser: Any | None) -> None:
        from frontlines.extraction.control import ControlExtractor
        from frontlines.extraction.events import EventExtractor
        from frontlines.knowledge import compiled
        from frontlines.recognise.nlp import build_nlp
        from frontlines.resolve.actors import ActorResolver

        self.settings = settings
        built = compiled.load(settings)
        knowledge = built.knowledge
        self.knowledge = knowledge
        self.nlp = build_nlp()
        self.rulers = built.rulers
        self.actor_ruler = self.rulers[0]
        if geoparser is None:
            from frontlines.resolve.places import Geoparser

            geoparser = Geoparser(settings=settings)
        self.geoparser = geoparser
        self.model = None
        if settings.use_trained_model:
            from frontlines.recognise.model import installed_model, load_model

            name = installed_model()
            self.model = load_model(name) if name else None
        self.resolver = ActorResolver(knowledge.actors)
        self.extractor = EventExtractor(knowledge, self.resolver)
        self.control = ControlExtractor(
            self.resolver,
            knowledge.actors,
            self.actor_ruler,
            include_unrealised=settings.include_unrealised,
        )

    def context(self, document: Document):  # -> DocContext
        from frontlines.extraction.context import DocContext
        from frontlines.extraction.sentences import hits, place_hits, sentences
        from frontlines.resolve.actors import bind_definites, bind_possessives
        from frontlines.resolve.dates import resolve_date

        sdoc = self.nlp(document.text)
        for ruler in self.rulers:
            ruler(sdoc)
        published = date.fromisoformat(document.published) if document.published else None
        actor_spans = list(sdoc.spans["actors"])
        exclude = [(s.start_char, s.end_char) for s in actor_spans]
        places = self.geoparser.parse(sdoc, exclude=exclude)
        focus = self.geoparser.focus(places)
        focus_country = focus.country or self._actor_country(actor_spans)
        ctx = DocContext(
            document=document,
            doc=sdoc,
            published=published,
            sentences=sentences(sdoc, self.knowledge.cues),
            focus_country=focus_country,
            focus_place=focus.place,
        )
        mentions = [self.resolver.mention(s, focus_country=focus_country) for s in actor_spans]
        ctx.actors = bind_definites(bind_possessives(self.resolver, mentions, sdoc), sdoc)
        ctx.places = place_hits(sdoc, places)
        if self.model is not None:
            from frontlines.extraction.model_actors import add_entity_actors

            ctx.parse = self.model.parse(document.text)
            add_entity_actors(ctx, places)
        ctx.triggers = hits(sdoc, "triggers")
        strong = [t for t in ctx.triggers if float(t.value) >= STRONG_TRIGGER]
        # "Grad missiles", "Scud": a weapon's name is not the place its gazetteer twin is.
        ctx.places = [
            p for p in ctx.places if not any(t.tok_start < p.tok_end and p.tok_start < t.tok_end for t in strong)
        ]
        ctx.lexicon = hits(sdoc, "lexicon")
        ctx.cues = hits(sdoc, "cues")
        ctx.control = hits(sdoc, "control")
        from frontlines.extraction.context import DateHit

        ctx.dates = [
            DateHit(
                s.start,
                s.end,
                s.start_char,
                s.end_char,
                s.text,
                s.label_,
                resolve_date(s.text, s.label_, published),
            )
            for s in sdoc.spans["dates"]
        ]
        return ctx

    def _actor_country(self, spans: list) -> str | None:
        counts: Counter[str] = Counter()
        for span in spans:
            m = self.resolver.mention(span, focus_country=None)
            if m.country:
                counts[m.country] += 1
        return counts.most_common(1)[0][0] if counts else None

    def events(self, ctx) -> list:
        from frontlines.extraction.assemble import build_event
        from frontlines.extraction.dedupe import fold_battles, fold_weak, merge, realised
        from frontlines.extraction.responsibility import claimed_actors

        cands = self.extractor.candidates(ctx)
        cands = realised(cands, include_unrealised=self.settings.include_unrealised)
        cands = fold_weak(fold_battles(cands))
        events = [build_event(ctx, group, self.resolver, self.knowledge.codebook) for group in merge(cands)]
        events = claimed_actors(ctx, events, self.resolver)
        events = [e for e in events if e.confidence >= self.settings.min_confidence]
        events.sort(key=lambda e: (e.evidence[0].start if e.evidence else 0, e.id))
        return events


def _mentions(ctx, parts: _Parts) -> dict[str, list[Mention]]:
    day = ctx.document.published
    actors = [
        Mention(a.text, a.start, a.end, "actor", parts.resolver.to_actor(a, day) if a.entry else None)
        for a in ctx.actors
    ]
    places = [Mention(p.text, p.start, p.end, "place", p.place) for p in ctx.places]
    dates = [
        Mention(
            d.text,
            d.start,
            d.end,
            "date",
            d.resolved.iso if d.resolved and d.resolved.date else None,
        )
        for d in ctx.dates
    ]
    return {"actors": actors, "places": places, "dates": dates}


def extract(
    text: TextSource,
    *,
    published: str | date | None = None,
    source: str | None = None,
) -> Report:
    """One document in, one Report out. For many documents, reuse a ``Pipeline``."""
    return _default_pipeline().extract(text, published=published, source=source)


_DEFAULT: Pipeline | None = None


def _default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT
