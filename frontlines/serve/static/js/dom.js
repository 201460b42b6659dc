// Building the page from data. Article text, titles, actor and place names are
// written by strangers: they only ever reach the page through textContent and
// attribute setters, never parsed as HTML.

const SAFE_URL = /^https?:\/\//i;

/** h("a", {class: "x", href: "#/e/1", dataset: {id}}, "text", child) → an element. */
export function h(tag, attrs = {}, ...children) {
  const svg = ["svg", "g", "rect", "line", "circle", "text", "title", "path"].includes(tag);
  const el = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.setAttribute("class", value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key === "text") el.textContent = String(value);
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "href" && !svg) el.setAttribute("href", safeHref(value));
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Links inside the app (#/...), same-site paths, or http(s) URLs; anything else goes nowhere. */
export function safeHref(value) {
  const s = String(value);
  if (s.startsWith("#") || (s.startsWith("/") && !s.startsWith("//")) || SAFE_URL.test(s)) return s;
  return "#";
}

/** An outside link (a source's URL): opens apart, tells it nothing about us. */
export function external(url, label) {
  if (!url || !SAFE_URL.test(String(url))) return label ? document.createTextNode(label) : null;
  return h("a", { href: url, target: "_blank", rel: "noopener noreferrer nofollow" }, label || url);
}

/** Empty an element, then append children (arrays are flattened; null and false skipped). */
export function clear(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

export const fmt = {
  num: (v) => (v === null || v === undefined ? "" : String(v)),
  conf: (v) => (v === null || v === undefined ? "" : Number(v).toFixed(2)),
  text: (v) => (v === null || v === undefined ? "" : String(v)),
};

/** The text with spans marked: each piece between span edges gets the classes of the spans over it. */
export function highlight(text, marks) {
  const frag = document.createDocumentFragment();
  const len = text.length;
  const spans = marks
    .filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end) && m.start < m.end)
    .map((m) => ({ ...m, start: Math.max(0, m.start), end: Math.min(len, m.end) }));
  const edges = [...new Set([0, len, ...spans.flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b);
  for (let i = 0; i + 1 < edges.length; i++) {
    const a = edges[i];
    const b = edges[i + 1];
    if (a >= b) continue;
    const over = spans.filter((m) => m.start <= a && m.end >= b);
    const piece = text.slice(a, b);
    if (!over.length) {
      frag.append(document.createTextNode(piece));
      continue;
    }
    const classes = [...new Set(over.map((m) => m.cls))].join(" ");
    const titles = [...new Set(over.map((m) => m.title).filter(Boolean))].join("; ");
    frag.append(h("mark", { class: classes, title: titles || null, dataset: Object.assign({}, ...over.map((m) => m.data || {})) }, piece));
  }
  return frag;
}

export const TYPE_CLASS = {
  Battles: "t-battles",
  "Explosions/Remote violence": "t-explosions",
  "Violence against civilians": "t-vac",
  Protests: "t-protests",
  Riots: "t-riots",
  "Strategic developments": "t-strategic",
};

export function typeClass(type) {
  return TYPE_CLASS[type] || "t-other";
}
