// Places: who claims to hold them, over time and by claimant.
import { get } from "./api.js";
import { h, clear, external, fmt, typeClass } from "./dom.js";
import { eventLink, placeLink } from "./list.js";

const DAY = 86400000;
const parseDay = (s) => Date.parse(`${s}T00:00:00Z`);

/** A chart of claims: one lane per claimant, one dot per claim, coloured by status. */
export function controlChart(claims) {
  const dated = claims.filter((c) => c.date);
  const lanes = [...new Set(claims.map((c) => c.claimed_by || c.source || "unattributed"))];
  const width = 900;
  const left = 190;
  const lane = 34;
  const height = lanes.length * lane + 30;
  const svg = h("svg", { class: "control-chart", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Control claims over time by claimant" });
  if (!dated.length) {
    svg.append(h("text", { x: 10, y: 20 }, "No dated claims"));
    return svg;
  }
  const t0 = Math.min(...dated.map((c) => parseDay(c.date)));
  const t1 = Math.max(...dated.map((c) => parseDay(c.date))) + DAY;
  const x = (ms) => left + ((ms - t0) / Math.max(DAY, t1 - t0)) * (width - left - 20);
  lanes.forEach((name, i) => {
    const y = 14 + i * lane + lane / 2;
    svg.append(h("line", { x1: left, x2: width - 10, y1: y, y2: y, class: "lane" }));
    svg.append(h("text", { x: left - 8, y: y + 4, "text-anchor": "end", class: "lane-label" }, name.length > 28 ? `${name.slice(0, 27)}…` : name));
  });
  for (const c of dated) {
    const i = lanes.indexOf(c.claimed_by || c.source || "unattributed");
    const y = 14 + i * lane + lane / 2;
    svg.append(
      h("circle", { cx: x(parseDay(c.date)) + 4, cy: y, r: 7, class: `claim s-${c.status}`, dataset: { status: c.status, actor: c.actor } },
        h("title", {}, `${c.date}: ${c.actor} ${c.status} (${c.certainty})`)),
    );
  }
  svg.append(h("text", { x: left, y: height - 4 }, new Date(t0).toISOString().slice(0, 10)));
  svg.append(h("text", { x: width - 10, y: height - 4, "text-anchor": "end" }, new Date(t1 - DAY).toISOString().slice(0, 10)));
  return svg;
}

function claimRow(c) {
  return h("tr", { dataset: { status: c.status } },
    h("td", { class: "nowrap" }, fmt.text(c.date)),
    h("td", {}, c.actor),
    h("td", {}, h("span", { class: `status s-${c.status}` }, c.status)),
    h("td", {}, fmt.text(c.claimed_by)),
    h("td", {}, c.certainty),
    h("td", {}, h("q", { class: "sentence" }, c.evidence_text || "")),
    h("td", {}, [c.source, c.published].filter(Boolean).join(", "), " ", external(c.url, "original")));
}

export async function showPlace(root, name) {
  clear(root, h("p", { class: "loading" }, "Loading…"));
  const data = await get(`/api/places/${encodeURIComponent(name)}`);
  const statuses = ["gained", "lost", "holds", "contested", "besieged"];
  clear(root, 
    h("p", {}, h("a", { href: "#/places" }, "← Places")),
    h("h1", {}, data.place),
    h("h2", {}, `Control claims (${data.claims.length})`),
    h("p", { class: "legend" }, statuses.map((s) => h("span", { class: `status s-${s}` }, s))),
    controlChart(data.claims),
    h("table", { class: "claims" },
      h("thead", {}, h("tr", {}, ["Date", "Actor", "Status", "Claimed by", "Certainty", "Evidence", "Source"].map((t) => h("th", {}, t)))),
      h("tbody", {}, data.claims.map(claimRow))),
    h("h2", {}, `Events here (${data.events.length})`),
    h("table", { class: "events" },
      h("thead", {}, h("tr", {}, ["Date", "Event", "Actor 1", "Actor 2", "Fatalities", "Sources"].map((t) => h("th", {}, t)))),
      h("tbody", {}, data.events.map((e) => h("tr", {},
        h("td", { class: "nowrap" }, fmt.text(e.event_date)),
        h("td", {}, h("span", { class: `swatch ${typeClass(e.event_type)}` }), eventLink(e.event_id_cnty, e.sub_event_type)),
        h("td", {}, fmt.text(e.actor1)),
        h("td", {}, fmt.text(e.actor2)),
        h("td", { class: "num" }, fmt.num(e.fatalities)),
        h("td", { class: "num" }, fmt.num(e.source_count)))))),
  );
}

export async function showPlaces(root) {
  clear(root, h("p", { class: "loading" }, "Loading…"));
  const data = await get("/api/places");
  clear(root, 
    h("h1", {}, "Places with control claims"),
    data.places.length ? null : h("p", {}, "No control claims stored yet."),
    h("table", { class: "places" },
      h("thead", {}, h("tr", {}, ["Place", "Country", "Region", "Claims", "Actors", "First", "Last"].map((t) => h("th", {}, t)))),
      h("tbody", {}, data.places.map((p) => h("tr", {},
        h("td", {}, placeLink(p.place)),
        h("td", {}, fmt.text(p.country)),
        h("td", {}, fmt.text(p.admin1)),
        h("td", { class: "num" }, fmt.num(p.claims)),
        h("td", { class: "num" }, fmt.num(p.actors)),
        h("td", { class: "nowrap" }, fmt.text(p.first_date)),
        h("td", { class: "nowrap" }, fmt.text(p.last_date)))))),
  );
}
