// What the workspace's modules share on the planners' map page: its configuration and labels,
// the page's map and current choice (window.geoplan, kept by the map's own scripts), and the
// workspace's own state with a small event bus between its modules.
import { api, rows } from "./util.js";

const pageConfig = JSON.parse(document.getElementById("map-config").textContent);
export const W = pageConfig.workspace || {};
export const T = W.labels || {};
export const CSRF = pageConfig.csrfToken;
export const map = window.geoplan.map;

// The current category, walking profile and threshold. The map page keeps them in
// window.geoplan.state; its selects say the same while it is loading.
export function choice() {
  const state = window.geoplan.state || {};
  const select = (id) => document.getElementById(id)?.value || null;
  return {
    category: state.category || select("category") || pageConfig.defaultCategory || W.categories?.[0]?.code,
    profile: state.profile || select("profile") || "standard",
    threshold: state.threshold || 15,
  };
}

export function categoryName(code) {
  const found = (W.categories || []).find((c) => c.code === code);
  return found ? found.name : code;
}

export function categoryColor(code) {
  const found = (W.categories || []).find((c) => c.code === code);
  return found ? found.color : "#777";
}

let zones = null;
// The zone polygons (GeoJSON, properties.code): the map page's own copy when it offers it.
export function zonePolygons() {
  if (typeof window.geoplan.zonePolygons === "function") return window.geoplan.zonePolygons();
  zones ??= api(W.zonesUrl).then((answer) => {
    if (!answer.ok) {
      zones = null;
      throw new Error(`zones: HTTP ${answer.status}`);
    }
    return Array.isArray(answer.data) ? { type: "FeatureCollection", features: rows(answer.data) } : answer.data;
  });
  return zones;
}

// Keep the chosen scenario in the page's address (the map page owns the rest of it).
export function setUrlState(values) {
  if (typeof window.geoplan.setUrlState === "function") {
    window.geoplan.setUrlState(values);
    return;
  }
  const url = new URL(window.location.href);
  Object.entries(values).forEach(([k, v]) => {
    if (v === null || v === undefined || v === "") url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  });
  history.replaceState(history.state, "", url);
}

export function urlState(name) {
  return new URL(window.location.href).searchParams.get(name);
}

// The workspace's state: every scenario, the one open (with its edits) and whether this
// planner may change it.
export const store = { scenarios: [], current: null, canEdit: false };

const bus = new EventTarget();
export function emit(name, detail) {
  bus.dispatchEvent(new CustomEvent(name, { detail }));
}
export function on(name, handler) {
  bus.addEventListener(name, (e) => handler(e.detail));
}

// A change of category or walking speed, once per change, from whichever source says it first:
// the map page's "geoplan:state" event, or its selects.
let lastChoice = null;
function choiceChanged() {
  const now = choice();
  const key = `${now.category}|${now.profile}|${now.threshold}`;
  if (key === lastChoice) return;
  const previous = lastChoice;
  lastChoice = key;
  if (previous !== null) emit("choice", now);
}
export function watchChoice() {
  const now = choice();
  lastChoice = `${now.category}|${now.profile}|${now.threshold}`;
  document.addEventListener("geoplan:state", choiceChanged);
  ["category", "profile"].forEach((id) => document.getElementById(id)?.addEventListener("change", choiceChanged));
}

// One pane per workspace layer, between the map's own: the deltas over the zones, the walking
// areas under the sites, the proposed sites above everything.
const PANES = { "ws-delta": 408, "ws-isochrones": 412, "ws-proposed": 470 };
Object.entries(PANES).forEach(([name, z]) => {
  if (!map.getPane(name)) map.createPane(name).style.zIndex = String(z);
});
// Walking areas are drawn for reading: clicks go through them to the zones and sites.
map.getPane("ws-isochrones").style.pointerEvents = "none";

// Once the map page has drawn its layers (it sets body[data-map-ready=true]).
export function whenMapReady() {
  return new Promise((resolve) => {
    if (window.geoplan.ready) {
      resolve();
      return;
    }
    const observer = new MutationObserver(() => {
      if (window.geoplan.ready || document.body.dataset.mapReady === "true") {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(document.body, { attributes: true, attributeFilter: ["data-map-ready"] });
  });
}
