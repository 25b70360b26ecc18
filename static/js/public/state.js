// The finder's state lives in the page's address: a link reproduces the view, the back button
// returns to the previous one, and the language switcher sends the visitor back to it.

// The query string's keys, in the order they are written.
const KEYS = ["q", "near", "lon", "lat", "precision", "category", "open", "group", "speaks",
  "step_free", "slow", "site", "map"];

export function emptyState() {
  return {
    q: "", near: false, lon: null, lat: null, precision: "", category: "", open: "", group: "",
    speaks: "", stepFree: false, slow: false, site: null, map: false,
  };
}

function number(text) {
  if (text === null || text === "") return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

export function readState(search = window.location.search) {
  const params = new URLSearchParams(search);
  const state = emptyState();
  state.q = params.get("q") || "";
  state.near = params.get("near") === "1";
  state.lon = number(params.get("lon"));
  state.lat = number(params.get("lat"));
  if (state.lon === null || state.lat === null) state.lon = state.lat = null;
  state.precision = params.get("precision") || "";
  state.category = params.get("category") || "";
  state.open = params.get("open") || "";
  state.group = params.get("group") || "";
  state.speaks = params.get("speaks") || "";
  state.stepFree = params.get("step_free") === "1";
  state.slow = params.get("slow") === "1";
  state.site = number(params.get("site"));
  state.map = params.get("map") === "1";
  return state;
}

export function toQuery(state) {
  const values = {
    q: state.near ? "" : state.q,
    near: state.near ? "1" : "",
    lon: state.lon === null ? "" : state.lon.toFixed(5),
    lat: state.lat === null ? "" : state.lat.toFixed(5),
    precision: state.precision,
    category: state.category,
    open: state.open,
    group: state.group,
    speaks: state.speaks,
    step_free: state.stepFree ? "1" : "",
    slow: state.slow ? "1" : "",
    site: state.site === null ? "" : String(state.site),
    map: state.map ? "1" : "",
  };
  const params = new URLSearchParams();
  for (const key of KEYS) if (values[key]) params.set(key, values[key]);
  const text = params.toString();
  return text ? `?${text}` : "";
}

// The /api/nearest/ question for a state, its parameters always in the same order so that an
// answer saved on the phone is found again for the same view.
export function nearestQuery(state, limit) {
  const params = new URLSearchParams();
  params.set("lon", state.lon.toFixed(5));
  params.set("lat", state.lat.toFixed(5));
  params.set("limit", String(limit));
  params.set("route", "1");
  if (state.category) params.set("category", state.category);
  if (state.open) params.set("open_at", state.open);
  if (state.group) params.set("target_group", state.group);
  if (state.speaks) params.set("language", state.speaks);
  if (state.stepFree) params.set("step_free", "1");
  if (state.slow) params.set("profile", "slow");
  return params.toString();
}

// The switcher (public/base.html) posts `next`: the page with its state, in the new language.
export function keepLanguageSwitch() {
  const next = document.querySelector(".language-switch input[name=next]");
  if (next) next.value = window.location.pathname + window.location.search;
}

// A new entry in the history for a change the visitor made, or the current entry updated.
export function commit(state, { replace = false } = {}) {
  const url = new URL(window.location.href);
  url.search = toQuery(state);
  url.hash = "";
  if (url.href !== window.location.href) {
    if (replace) window.history.replaceState(null, "", url.href);
    else window.history.pushState(null, "", url.href);
  }
  keepLanguageSwitch();
}
