// The workspace's whole view lives in the page's address, so that a link reproduces it:
// category, profile, threshold, map view (zoom, lat, lon), scenario, need layer and language.
// A value that does not make sense falls back to the default without a word: links get old.
import { config, state } from "./context.js";

const PROFILES = ["standard", "slow"];
// Around Turin, generously: a view centred far away is an old or mistyped link.
const BOUNDS = { lat: [44.8, 45.35], lon: [7.3, 8.0] };
const ZOOMS = [10, 19];

function number(value) {
  if (value === null || value === "" || !/^-?\d+(\.\d+)?$/.test(value.trim())) return null;
  return Number(value);
}

function within(value, [low, high]) {
  return value !== null && value >= low && value <= high;
}

// What the address asks for, each value checked on its own; the category and the need layer are
// checked again once the lists they come from are loaded.
export function readUrl(search = window.location.search) {
  const params = new URLSearchParams(search);
  const threshold = number(params.get("threshold"));
  const zoom = number(params.get("zoom"));
  const lat = number(params.get("lat"));
  const lon = number(params.get("lon"));
  const scenario = number(params.get("scenario"));
  const view =
    Number.isInteger(zoom) && within(zoom, ZOOMS) && within(lat, BOUNDS.lat) && within(lon, BOUNDS.lon)
      ? { zoom, lat, lon }
      : null;
  return {
    category: params.get("category") || null,
    profile: PROFILES.includes(params.get("profile")) ? params.get("profile") : "standard",
    threshold: config.thresholds.includes(threshold) ? threshold : config.defaultThreshold,
    view,
    scenario: Number.isInteger(scenario) && scenario > 0 ? scenario : null,
    need: params.get("need") || "",
  };
}

// The page's language, as the server chose it.
function language() {
  const lang = (document.documentElement.lang || "").split("-")[0];
  return config.languages.includes(lang) ? lang : null;
}

let view = null;

export function rememberView(map) {
  const c = map.getCenter();
  view = { zoom: map.getZoom(), lat: c.lat.toFixed(5), lon: c.lng.toFixed(5) };
  writeUrl();
}

// The keys the map page writes; any other key (another panel's) is kept as it is.
function ownKeys() {
  const keys = {
    category: state.category,
    profile: state.profile,
    threshold: state.threshold,
    scenario: state.scenario,
    need: state.need,
    lang: language(),
  };
  if (view) Object.assign(keys, view);
  return keys;
}

function apply(url, values) {
  Object.entries(values).forEach(([k, v]) => {
    if (v === null || v === undefined || v === "") url.searchParams.delete(k);
    else url.searchParams.set(k, String(v));
  });
  return url;
}

export function writeUrl() {
  if (!state.category) return; // still loading: the address stays as it was opened
  const url = apply(new URL(window.location.href), ownKeys());
  if (url.href !== window.location.href) history.replaceState(history.state, "", url);
  followSwitcher();
}

// Add or remove keys (null removes), keeping the rest. The scenario is part of the page's state:
// a change is announced like any other.
export function setUrlState(values) {
  if ("scenario" in values) {
    const n = Number(values.scenario);
    state.scenario = Number.isInteger(n) && n > 0 ? n : null;
  }
  const url = apply(new URL(window.location.href), values);
  history.replaceState(history.state, "", url);
  writeUrl();
  if ("scenario" in values) announce();
}

export function snapshot() {
  return {
    category: state.category,
    profile: state.profile,
    threshold: state.threshold,
    scenario: state.scenario,
    need: state.need,
  };
}

// Other panels learn of a new category, profile, threshold or scenario from this event.
export function announce() {
  document.dispatchEvent(new CustomEvent("geoplan:state", { detail: snapshot() }));
}

// The language switch (base.html) posts `next`: this view, in the language chosen.
function switchForm() {
  return document.querySelector("form.lang");
}

function nextFor(lang) {
  const url = new URL(window.location.href);
  url.searchParams.set("lang", lang);
  return url.pathname + url.search;
}

function followSwitcher() {
  const form = switchForm();
  const next = form?.querySelector("input[name=next]");
  const other = form?.querySelector("button[name=language]:not([disabled])");
  if (next && other) next.value = nextFor(other.value);
}

export function watchSwitcher() {
  const form = switchForm();
  if (!form) return;
  form.addEventListener("submit", (e) => {
    const lang = e.submitter?.value;
    const next = form.querySelector("input[name=next]");
    if (lang && next) next.value = nextFor(lang);
  });
  followSwitcher();
}
