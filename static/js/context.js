// What the map's modules share: the page's configuration, the map with its panes, the choice.
// (Escaping, patterns and numbers in the page's language are in plan/util.js.)
import { fill, num } from "./plan/util.js";

export const config = JSON.parse(document.getElementById("map-config").textContent);
export const L10N = config.labels;

// The current choice (category, walking profile, threshold in minutes, open scenario, need layer),
// the categories and the zone polygons (loaded once, joined by code).
export const state = {
  category: null,
  profile: "standard",
  threshold: config.defaultThreshold,
  scenario: null,
  need: "",
  categories: [],
  zones: null,
};

export const map = L.map("map", { zoomControl: true }).setView([45.07, 7.68], 12);
L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
  maxZoom: 19,
  attribution: "&copy; OpenStreetMap contributors",
}).addTo(map);

// One pane per kind of layer, stacked so that points always stay above areas whatever order the
// fetches finish in or the layers are switched on: Leaflet gives each pane its own renderer.
// (Leaflet's overlay pane is 400, markers 600, tooltips 650, popups 700.)
const PANES = { zones: 402, gaps: 404, need: 406, cells: 420, highlight: 430, sites: 450, proposals: 460 };
Object.entries(PANES).forEach(([name, z]) => {
  map.createPane(name).style.zIndex = String(z);
});
map.getPane("highlight").style.pointerEvents = "none";

// The pane of each catalogue layer; any other area goes with the zones, points with the sites.
export function paneFor(layer) {
  const known = { "zones-density": "zones", "zones-gap": "gaps", "access-nearest": "cells", sites: "sites" };
  return known[layer.id] || (layer.kind === "choropleth" ? "zones" : "sites");
}

// Thousands of cells are drawn on a canvas. A canvas takes every click over its whole area, so
// it leaves the map with its layer, letting the zones under it be clicked again.
export function canvasLeavingWith(pane, build) {
  const renderer = L.canvas({ pane });
  const group = build(renderer);
  group.on("remove", () => map.removeLayer(renderer));
  return group;
}

export function withChoice(url, extra = "") {
  const sep = url.includes("?") ? "&" : "?";
  return `${url}${sep}category=${encodeURIComponent(state.category)}&profile=${encodeURIComponent(state.profile)}${extra}`;
}

export function fmtMin(v) {
  return v == null ? L10N.unreachable : fill(L10N.minutes, { n: num(v, 1) });
}

// A share as a whole percent; `none` for no value.
export function pct(v, none = L10N.noData) {
  return v == null ? none : `${Math.round(v * 100)}%`;
}

export function int(v) {
  return v == null ? "–" : num(Math.round(v));
}

export function categoryName(code) {
  const c = state.categories.find((x) => x.code === code);
  return c ? c.name : code;
}
