// The event map: offline Natural Earth outlines (world-atlas), an optional tile layer,
// events coloured by type and sized by fatalities, clustered when zoomed out.
/* global L, topojson */
import { get } from "./api.js";
import { h, TYPE_CLASS, typeClass } from "./dom.js";

export function radius(fatalities) {
  return Math.round(6 + Math.min(18, 3 * Math.sqrt(Math.max(0, fatalities || 0))));
}

export class EventMap {
  constructor(el, { tiles, onOpen }) {
    this.onOpen = onOpen;
    this.map = L.map(el, { worldCopyJump: true, minZoom: 2, maxZoom: 18, zoomSnap: 0.5 }).setView([30, 30], 3);
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Outlines: Natural Earth");
    if (tiles) L.tileLayer(tiles, { maxZoom: 19 }).addTo(this.map);
    this.outlines(!tiles);
    this.layer = L.markerClusterGroup({
      maxClusterRadius: 40,
      showCoverageOnHover: false,
      iconCreateFunction: (cluster) => {
        const n = cluster.getChildCount();
        const size = n < 10 ? 30 : n < 100 ? 36 : 44;
        return L.divIcon({
          html: h("span", {}, String(n)),
          className: "fl-cluster",
          iconSize: [size, size],
        });
      },
    });
    this.layer.addTo(this.map);
    this.legend();
    this.grid = L.layerGroup().addTo(this.map);
    this.bboxed = false;
    this.params = {};
    this.fitted = false;
    this.map.on("moveend", () => {
      if (this.bboxed) this.load(this.params);
    });
  }

  async outlines(fill) {
    try {
      const res = await fetch("/static/vendor/countries-50m.json");
      const world = await res.json();
      const countries = topojson.feature(world, world.objects.countries);
      L.geoJSON(countries, {
        interactive: false,
        style: { color: "#8a8f98", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: fill ? 1 : 0 },
      }).addTo(this.map);
      this.map.getPane("overlayPane").classList.add("outlines-ready");
    } catch (e) {
      console.warn("country outlines unavailable", e);
    }
  }

  legend() {
    const control = L.control({ position: "bottomleft" });
    control.onAdd = () =>
      h("div", { class: "legend-box" },
        Object.entries(TYPE_CLASS).map(([name, cls]) => h("div", {}, h("span", { class: `swatch ${cls}` }), name)),
        h("div", { class: "hint" }, "Size: fatalities"));
    control.addTo(this.map);
  }

  /** Fetch and draw the events matching `params` (filters); `fresh` after the filters change. */
  async load(params, { fresh = false } = {}) {
    this.params = params;
    if (fresh) this.bboxed = false;
    const req = { ...params, zoom: Math.round(this.map.getZoom()) };
    const inView = this.bboxed;
    if (inView) {
      const b = this.map.getBounds();
      const box = [Math.max(-180, b.getWest()), Math.max(-90, b.getSouth()), Math.min(180, b.getEast()), Math.min(90, b.getNorth())];
      req.bbox = box.map((v) => v.toFixed(4)).join(",");
    }
    const token = (this.token = Symbol("load"));
    const data = await get("/api/map", req);
    if (token !== this.token) return data;
    // All points arrived when asked without bounds; otherwise panning must ask again.
    this.bboxed = inView || data.mode === "grid";
    this.draw(data);
    return data;
  }

  draw(data) {
    this.layer.clearLayers();
    this.grid.clearLayers();
    const col = Object.fromEntries(data.columns.map((c, i) => [c, i]));
    if (data.mode === "points") {
      const markers = data.rows.map((r) => this.marker(r, col));
      this.layer.addLayers(markers);
      if (!this.fitted && markers.length) {
        const bounds = L.latLngBounds(data.rows.map((r) => [r[col.latitude], r[col.longitude]]));
        this.map.fitBounds(bounds.pad(0.3), { maxZoom: 9 });
        this.fitted = true;
      }
    } else {
      if (!this.fitted && data.rows.length) {
        this.map.fitBounds(L.latLngBounds(data.rows.map((r) => [r[col.latitude], r[col.longitude]])).pad(0.2));
        this.fitted = true;
      }
      for (const r of data.rows) {
        const n = r[col.events];
        const size = Math.round(24 + Math.min(40, 6 * Math.log10(n + 1)));
        const icon = L.divIcon({
          html: h("span", {}, n >= 1000 ? `${Math.round(n / 100) / 10}k` : String(n)),
          className: `fl-cell ${typeClass(r[col.event_type])}`,
          iconSize: [size, size],
        });
        L.marker([r[col.latitude], r[col.longitude]], { icon, title: `${n} events` })
          .on("click", () => this.map.setView([r[col.latitude], r[col.longitude]], this.map.getZoom() + 2))
          .addTo(this.grid);
      }
    }
  }

  marker(r, col) {
    const size = 2 * radius(r[col.fatalities]);
    const icon = L.divIcon({
      html: h("span", { class: "dot" }),
      className: `fl-marker ${typeClass(r[col.event_type])}`,
      iconSize: [size, size],
    });
    const title = `${r[col.date] || "undated"} · ${r[col.sub_event_type]} · ${r[col.location] || ""}`;
    const m = L.marker([r[col.latitude], r[col.longitude]], { icon, title, keyboard: true });
    m.on("add", () => {
      const el = m.getElement();
      if (el) el.dataset.eventId = r[col.id];
    });
    m.bindPopup(() => this.popup(r, col));
    return m;
  }

  popup(r, col) {
    const id = r[col.id];
    return h(
      "div",
      { class: "popup" },
      h("strong", {}, r[col.sub_event_type] || r[col.event_type]),
      h("div", {}, `${r[col.date] || "undated"} · ${r[col.location] || "unknown place"}`),
      h("div", {}, `Fatalities: ${r[col.fatalities] ?? "not reported"} · Sources: ${r[col.source_count]}`),
      h("a", { href: `#/event/${encodeURIComponent(id)}` }, "Open event and evidence"),
    );
  }

  invalidate() {
    this.map.invalidateSize();
  }
}
