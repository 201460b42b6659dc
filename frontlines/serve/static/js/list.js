// The event list under the map: one page at a time, newest first.
import { get } from "./api.js";
import { h, clear, fmt, typeClass } from "./dom.js";

export const PAGE = 100;

export function placeLink(name) {
  if (!name) return "";
  return h("a", { href: `#/place/${encodeURIComponent(name)}`, class: "place" }, name);
}

export function eventLink(id, label) {
  return h("a", { href: `#/event/${encodeURIComponent(id)}` }, label);
}

export class EventList {
  constructor({ body, summary, more }) {
    this.body = body;
    this.summary = summary;
    this.more = more;
    this.more.addEventListener("click", () => this.page(this.offset + PAGE));
  }

  async load(params) {
    this.params = params;
    clear(this.body);
    return this.page(0);
  }

  async page(offset) {
    const token = (this.token = Symbol("page"));
    const data = await get("/api/events", { ...this.params, limit: PAGE, offset });
    if (token !== this.token) return data;
    this.offset = offset;
    for (const e of data.events) this.body.append(this.row(e));
    const shown = Math.min(data.total, offset + data.events.length);
    this.summary.textContent =
      data.total === 0 ? "No events match." : `${data.total.toLocaleString("en")} events${shown < data.total ? ` (showing ${shown})` : ""}`;
    this.summary.dataset.total = String(data.total);
    this.more.hidden = shown >= data.total;
    return data;
  }

  row(e) {
    const open = () => {
      location.hash = `#/event/${encodeURIComponent(e.event_id_cnty)}`;
    };
    return h(
      "tr",
      { dataset: { eventId: e.event_id_cnty }, class: "event-row", tabindex: 0, onclick: (ev) => {
        if (!(ev.target instanceof HTMLAnchorElement)) open();
      }, onkeydown: (ev) => {
        if (ev.key === "Enter") open();
      } },
      h("td", { class: "nowrap" }, fmt.text(e.event_date)),
      h("td", {}, h("span", { class: `swatch ${typeClass(e.event_type)}` }), eventLink(e.event_id_cnty, e.sub_event_type || e.event_type)),
      h("td", {}, fmt.text(e.actor1)),
      h("td", {}, fmt.text(e.actor2)),
      h("td", {}, placeLink(e.location)),
      h("td", {}, fmt.text(e.country)),
      h("td", { class: "num" }, fmt.num(e.fatalities)),
      h("td", { class: "num" }, fmt.num(e.source_count)),
      h("td", { class: "num" }, fmt.conf(e.confidence)),
    );
  }
}
