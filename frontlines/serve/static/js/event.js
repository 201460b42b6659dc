// The event page: published fields, then every source with each field, the
// sentence it came from, and the article text with the evidence highlighted.
import { get, post } from "./api.js";
import { h, clear, external, fmt, highlight, typeClass } from "./dom.js";
import { placeLink } from "./list.js";

const SUMMARY = [
  ["Date", (e) => (e.event_date_end && e.event_date_end !== e.event_date ? `${e.event_date} to ${e.event_date_end}` : e.event_date)],
  ["Type", (e) => `${e.event_type}: ${e.sub_event_type}`],
  ["Actor 1", (e) => e.actor1],
  ["Associated", (e) => e.assoc_actor_1],
  ["Actor 2", (e) => e.actor2],
  ["Associated", (e) => e.assoc_actor_2],
  ["Location", (e) => placeLink(e.location)],
  ["Region", (e) => [e.admin1, e.admin2, e.country].filter(Boolean).join(", ")],
  ["Coordinates", (e) => (e.latitude === null ? "" : `${e.latitude}, ${e.longitude} (geo precision ${e.geo_precision})`)],
  ["Fatalities", (e) => (e.fatalities === null ? "not reported" : e.fatalities_max > e.fatalities ? `${e.fatalities} to ${e.fatalities_max}` : String(e.fatalities))],
  ["Certainty", (e) => (e.claimed_by ? `${e.certainty} (claimed by ${e.claimed_by})` : e.certainty)],
  ["Confidence", (e) => fmt.conf(e.confidence)],
  ["Sources", (e) => `${e.source_count}: ${e.source || ""}`],
  ["Notes", (e) => e.notes],
];

const FIELD_LABEL = {
  sub_event_type: "Event type",
  event_date: "Date",
  actor1: "Actor 1",
  actor2: "Actor 2",
  location: "Location",
  fatalities: "Fatalities",
  quantity: "Quantity",
  certainty: "Certainty",
  claimed_by: "Claimed by",
};

function definitionList(rows) {
  const dl = h("dl", { class: "fields" });
  for (const [label, value] of rows) {
    if (value === null || value === undefined || value === "") continue;
    dl.append(h("dt", {}, label), h("dd", {}, value));
  }
  return dl;
}

/** The marks for one source: its evidence sentences and the span behind each field. */
export function sourceMarks(source) {
  const marks = (source.evidence || []).map((s, i) => ({
    start: s.start, end: s.end, cls: "evidence", title: i === 0 ? "evidence (trigger sentence)" : "evidence",
  }));
  for (const row of source.fields || []) {
    if (row.span) marks.push({ start: row.span.start, end: row.span.end, cls: `field f-${row.field}`, title: FIELD_LABEL[row.field] || row.field, data: { field: row.field } });
  }
  return marks;
}

function sentenceCell(row) {
  if (!row.sentence) return "";
  const s = row.sentence;
  const marks = row.span ? [{ start: row.span.start - s.start, end: row.span.end - s.start, cls: "field", title: FIELD_LABEL[row.field] || row.field }] : [];
  return h("q", { class: "sentence" }, highlight(s.text, marks));
}

function fieldTable(source) {
  const body = h("tbody");
  for (const row of source.fields || []) {
    body.append(
      h("tr", { dataset: { field: row.field } },
        h("th", {}, FIELD_LABEL[row.field] || row.field),
        h("td", {}, fmt.text(row.value)),
        h("td", { class: "span-text" }, row.span ? row.span.text : "—"),
        h("td", {}, sentenceCell(row))),
    );
  }
  return h("table", { class: "field-table" },
    h("thead", {}, h("tr", {}, h("th", {}, "Field"), h("th", {}, "Value"), h("th", {}, "Words"), h("th", {}, "Source sentence"))),
    body);
}

function sourceCard(source, doc, { lead, allowWrite, onDistinct }) {
  const text = (doc && doc.text) || "";
  const card = h("article", { class: "source", dataset: { sourceId: source.id, documentId: source.document_id } },
    h("h3", {}, doc && doc.title ? doc.title : "(untitled document)"),
    h("p", { class: "meta" },
      [source.source, source.published, source.certainty, `confidence ${fmt.conf(source.confidence)}`].filter(Boolean).join(" · "),
      source.url ? " · " : "", external(source.url, "original")),
    source.merge_rule ? h("p", { class: "merge" }, `Merged: ${source.merge_rule}`) : null,
    fieldTable(source),
    h("h4", {}, "Article text"),
    h("div", { class: "article-text" }, highlight(text, sourceMarks(source))),
  );
  if (allowWrite && lead && source.id !== lead.id) {
    card.append(h("button", { type: "button", class: "distinct", onclick: () => onDistinct(lead.id, source.id) },
      "Not the same event as the first source"));
  }
  return card;
}

export async function showEvent(root, id, config) {
  clear(root, h("p", { class: "loading" }, "Loading…"));
  const { event } = await get(`/api/events/${encodeURIComponent(id)}`);
  const docs = event.documents || {};
  const onDistinct = async (a, b) => {
    await post("/api/distinct", { a, b });
    location.hash = `#/event/${encodeURIComponent(a)}`;
    showEvent(root, a, config);
  };
  const lead = event.sources[0];
  clear(root, 
    h("p", {}, h("a", { href: "#/" }, "← Map")),
    h("h1", {}, h("span", { class: `swatch ${typeClass(event.event_type)}` }), event.sub_event_type,
      event.location ? ` in ${event.location}` : "", event.event_date ? `, ${event.event_date}` : ""),
    h("p", { class: "event-id" }, `Event ${event.event_id_cnty}`),
    definitionList(SUMMARY.map(([label, fn]) => [label, fn(event)])),
    h("h2", {}, `Sources (${event.sources.length})`),
    h("p", { class: "legend" }, h("mark", { class: "evidence" }, "evidence sentence"), " ", h("mark", { class: "field" }, "words behind a field")),
    event.sources.map((s) => sourceCard(s, docs[s.document_id], { lead, allowWrite: config.allow_write, onDistinct })),
  );
  const first = root.querySelector("mark.evidence");
  if (first) first.scrollIntoView({ block: "nearest" });
}
