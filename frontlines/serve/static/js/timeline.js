// The timeline histogram: events per day (or week, or month for long spans).
// Dragging across it picks a time range that filters the map and the list.
import { h, clear } from "./dom.js";

const DAY = 86400000;
const parseDay = (s) => Date.parse(`${s}T00:00:00Z`);
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

/** The bucket size for a span of days: day up to ~6 months, week up to ~4 years, then month. */
export function bucketFor(first, last) {
  const days = (parseDay(last) - parseDay(first)) / DAY;
  return days <= 190 ? "day" : days <= 1500 ? "week" : "month";
}

function bucketEnd(start, by) {
  if (by === "day") return start + DAY;
  if (by === "week") return start + 7 * DAY;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

export class Timeline {
  constructor(svg, { onBrush }) {
    this.svg = svg;
    this.onBrush = onBrush;
    this.range = null;
    this.svg.addEventListener("pointerdown", (e) => this.start(e));
    this.svg.addEventListener("pointermove", (e) => this.move(e));
    this.svg.addEventListener("pointerup", (e) => this.end(e));
  }

  render(buckets, by) {
    this.by = by;
    const width = this.svg.clientWidth || 800;
    const height = this.svg.clientHeight || 120;
    this.svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    clear(this.svg);
    this.width = width;
    const dated = buckets.filter((b) => b.key);
    if (!dated.length) {
      this.svg.append(h("text", { x: 10, y: 20, class: "empty" }, "No dated events"));
      this.x0 = this.x1 = null;
      return;
    }
    const start = (b) => (by === "month" ? parseDay(`${b.key}-01`) : parseDay(b.key));
    this.x0 = start(dated[0]);
    this.x1 = bucketEnd(start(dated[dated.length - 1]), by);
    const max = Math.max(...dated.map((b) => b.events));
    const top = 8;
    const base = height - 18;
    const bars = h("g", { class: "bars" });
    for (const b of dated) {
      const s = start(b);
      const x = this.px(s);
      const w = Math.max(1, this.px(bucketEnd(s, by)) - x - 1);
      const bh = Math.max(1, ((base - top) * b.events) / max);
      bars.append(
        h(
          "rect",
          { x, y: base - bh, width: w, height: bh, class: "bar", dataset: { key: b.key, events: b.events } },
          h("title", {}, `${b.key}: ${b.events} events, ${b.fatalities} fatalities`),
        ),
      );
    }
    const axis = h("g", { class: "axis" });
    axis.append(h("line", { x1: 0, x2: width, y1: base + 0.5, y2: base + 0.5 }));
    axis.append(h("text", { x: 2, y: height - 4 }, isoDay(this.x0)));
    axis.append(h("text", { x: width - 2, y: height - 4, "text-anchor": "end" }, isoDay(this.x1 - DAY)));
    this.sel = h("rect", { class: "brush", x: 0, y: 0, width: 0, height: base, visibility: "hidden" });
    this.svg.append(bars, axis, this.sel);
    this.showRange();
  }

  px(ms) {
    return ((ms - this.x0) / (this.x1 - this.x0)) * this.width;
  }

  ms(px) {
    return this.x0 + (Math.max(0, Math.min(this.width, px)) / this.width) * (this.x1 - this.x0);
  }

  local(e) {
    const r = this.svg.getBoundingClientRect();
    return ((e.clientX - r.left) / r.width) * this.width;
  }

  start(e) {
    if (this.x0 === null || this.x0 === undefined) return;
    this.svg.setPointerCapture(e.pointerId);
    this.drag = this.local(e);
    this.drawSel(this.drag, this.drag);
  }

  move(e) {
    if (this.drag === undefined) return;
    this.drawSel(this.drag, this.local(e));
  }

  end(e) {
    if (this.drag === undefined) return;
    const a = Math.min(this.drag, this.local(e));
    const b = Math.max(this.drag, this.local(e));
    this.drag = undefined;
    if (b - a < 3) {
      this.setRange(null);
      return;
    }
    const since = isoDay(Math.floor(this.ms(a) / DAY) * DAY);
    const until = isoDay(Math.ceil(this.ms(b) / DAY) * DAY - DAY);
    this.setRange({ since, until });
  }

  setRange(range) {
    this.range = range;
    this.showRange();
    this.onBrush(range);
  }

  drawSel(a, b) {
    this.sel.setAttribute("x", Math.min(a, b));
    this.sel.setAttribute("width", Math.abs(b - a));
    this.sel.setAttribute("visibility", "visible");
  }

  showRange() {
    if (!this.sel) return;
    if (!this.range || this.x0 === null) {
      this.sel.setAttribute("visibility", "hidden");
      return;
    }
    const a = this.px(parseDay(this.range.since));
    const b = this.px(parseDay(this.range.until) + DAY);
    this.drawSel(a, b);
  }
}
