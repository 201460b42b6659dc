// "Paste an article": run extraction and show what it finds; store only when asked.
import { post } from "./api.js";
import { h, clear, fmt, highlight, typeClass } from "./dom.js";
import { eventLink } from "./list.js";

function name(v) {
  return v && typeof v === "object" ? v.name : v;
}

function reportView(report, stored) {
  const text = report.document.text || "";
  const marks = [];
  for (const e of report.events) for (const s of e.evidence || []) marks.push({ start: s.start, end: s.end, cls: "evidence", title: e.sub_event_type });
  for (const c of report.control) for (const s of c.evidence || []) marks.push({ start: s.start, end: s.end, cls: "evidence control", title: `control: ${c.status}` });
  return h("div", { class: "report" },
    stored
      ? h("p", { class: "stored" }, `Stored: ${stored.documents} document, ${stored.events} events${stored.skipped ? " (already stored)" : ""}. `,
          (stored.event_ids || []).map((id) => [eventLink(id, id), " "]))
      : h("p", { class: "hint" }, "Not stored."),
    report.warnings.length ? h("ul", { class: "warnings" }, report.warnings.map((w) => h("li", {}, w))) : null,
    h("h2", {}, `Events (${report.events.length})`),
    h("table", { class: "events" },
      h("thead", {}, h("tr", {}, ["Date", "Event", "Actor 1", "Actor 2", "Location", "Fatalities", "Certainty", "Confidence"].map((t) => h("th", {}, t)))),
      h("tbody", {}, report.events.map((e) => h("tr", {},
        h("td", { class: "nowrap" }, fmt.text(e.date)),
        h("td", {}, h("span", { class: `swatch ${typeClass(e.event_type)}` }), e.sub_event_type),
        h("td", {}, fmt.text(name(e.actor1))),
        h("td", {}, fmt.text(name(e.actor2))),
        h("td", {}, fmt.text(name(e.location))),
        h("td", { class: "num" }, fmt.num(e.fatalities)),
        h("td", {}, e.certainty),
        h("td", { class: "num" }, fmt.conf(e.confidence)))))),
    h("h2", {}, `Control claims (${report.control.length})`),
    h("ul", {}, report.control.map((c) => h("li", {}, `${fmt.text(c.date)}: ${name(c.actor)} ${c.status} ${name(c.place)}`))),
    h("h2", {}, "Text"),
    h("div", { class: "article-text" }, highlight(text, marks)),
  );
}

export function setupExtract(form, result, config) {
  const storeButton = form.querySelector("#store-button");
  storeButton.disabled = !config.allow_write;
  form.querySelector("#store-hint").textContent = config.allow_write
    ? ""
    : "Storing needs the server started with --allow-write.";
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const store = e.submitter && e.submitter.value === "store";
    const body = { text: data.get("text"), store };
    for (const k of ["published", "source", "title"]) if (data.get(k)) body[k] = data.get(k);
    clear(result, h("p", { class: "loading" }, "Extracting…"));
    try {
      const res = await post("/api/extract", body);
      clear(result, reportView(res.report, res.stored));
    } catch (err) {
      clear(result, h("p", { class: "error" }, err.message), h("ul", {}, (err.errors || []).map((x) => h("li", {}, x))));
    }
  });
}
