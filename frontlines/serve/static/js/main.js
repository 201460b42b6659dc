// The app: a hash router over four views, and the home view's filters, map,
// timeline and list kept in step.
import { get } from "./api.js";
import { h, clear } from "./dom.js";
import { showEvent } from "./event.js";
import { setupExtract } from "./extract.js";
import { EventList } from "./list.js";
import { EventMap } from "./map.js";
import { showPlace, showPlaces } from "./place.js";
import { Timeline, bucketFor } from "./timeline.js";

const $ = (sel) => document.querySelector(sel);
const state = { filters: {}, range: null };
let config = { allow_write: false };
let home = null;

function filterParams({ withRange = true } = {}) {
  const p = { ...state.filters };
  if (withRange && state.range) Object.assign(p, state.range);
  return p;
}

function showError(err) {
  const box = $("#status");
  box.textContent = `Error: ${err.message}`;
  box.classList.add("error");
  document.body.dataset.error = err.message;
  console.error(err);
}

function readFilters(form) {
  const data = new FormData(form);
  const f = {};
  for (const k of ["type", "country", "actor"]) if (data.get(k)) f[k] = data.get(k).trim();
  const conf = Number(data.get("min_confidence") || 0);
  if (conf > 0) f.min_confidence = conf;
  $("#conf-out").textContent = conf.toFixed(2);
  return f;
}

async function setupHome() {
  const facets = await get("/api/facets");
  const form = $("#filters");
  for (const t of facets.types) form.type.append(h("option", { value: t.name }, `${t.name} (${t.events})`));
  for (const c of facets.countries) form.country.append(h("option", { value: c.code }, `${c.name || c.code} (${c.events})`));
  for (const a of facets.actors) $("#actor-names").append(h("option", { value: a.name }));
  const map = new EventMap($("#map"), { tiles: config.tiles });
  const timeline = new Timeline($("#timeline"), {
    onBrush: (range) => {
      state.range = range;
      $("#brush-label").textContent = range ? `${range.since} to ${range.until}` : "";
      $("#brush-clear").hidden = !range;
      refresh({ timeline: false });
    },
  });
  $("#brush-clear").addEventListener("click", () => timeline.setRange(null));
  const list = new EventList({ body: $("#events tbody"), summary: $("#list-summary"), more: $("#more") });
  let timer = null;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      state.filters = readFilters(form);
      refresh({ timeline: true });
    }, 250);
  };
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("reset", () => setTimeout(changed));
  form.addEventListener("submit", (e) => e.preventDefault());

  async function refresh({ timeline: redraw }) {
    document.body.dataset.loading = "1";
    try {
      const jobs = [map.load(filterParams(), { fresh: true }), list.load(filterParams())];
      if (redraw) {
        const by = facets.first_date ? bucketFor(facets.first_date, facets.last_date) : "week";
        $("#timeline-title").textContent = `Events per ${by}`;
        jobs.push(get("/api/stats", { ...filterParams({ withRange: false }), by }).then((s) => timeline.render(s.buckets, by)));
      }
      await Promise.all(jobs);
    } catch (err) {
      showError(err);
    } finally {
      delete document.body.dataset.loading;
      document.body.dataset.ready = "1";
    }
  }
  return { map, refresh };
}

async function route() {
  const hash = decodeURIComponent(location.hash.replace(/^#\/?/, ""));
  const [view, ...rest] = hash.split("/");
  const arg = rest.join("/");
  for (const s of document.querySelectorAll(".view")) s.hidden = true;
  try {
    if (view === "event" && arg) {
      $("#view-event").hidden = false;
      await showEvent($("#view-event"), arg, config);
    } else if (view === "place" && arg) {
      $("#view-place").hidden = false;
      await showPlace($("#view-place"), arg);
    } else if (view === "places") {
      $("#view-places").hidden = false;
      await showPlaces($("#view-places"));
    } else if (view === "extract") {
      $("#view-extract").hidden = false;
    } else {
      $("#view-home").hidden = false;
      if (!home) {
        home = await setupHome();
        await home.refresh({ timeline: true });
      } else {
        home.map.invalidate();
      }
    }
    document.body.dataset.view = view || "home";
  } catch (err) {
    const section = document.querySelector(".view:not([hidden])");
    if (section && section.id !== "view-home") clear(section, h("p", { class: "error" }, err.message));
    showError(err);
  }
}

async function start() {
  try {
    config = await get("/api/config");
    const c = config.counts;
    $("#status").textContent = `${c.events.toLocaleString("en")} events · ${c.documents.toLocaleString("en")} documents · ${config.allow_write ? "read-write" : "read-only"}`;
  } catch (err) {
    showError(err);
  }
  setupExtract($("#extract-form"), $("#extract-result"), config);
  window.addEventListener("hashchange", route);
  await route();
}

start();
