// The public finder: a place (search or near me), a category and filters give the nearest
// sites on foot (/api/nearest/), listed first and drawn on a map on request. The view's state
// is the page's address (state.js); the body's data-finder-ready is set once the first screen
// is usable (with the answer, when the address holds a place).
import { L10N, byId, config, distance, el, minutes, say, sayNodes } from "./dom.js";
import { commit, keepLanguageSwitch, nearestQuery, readState } from "./state.js";
import { markSelected, renderResults } from "./results.js";
import { setupSearch } from "./search.js";
import { keepAnswer, registerWorker } from "./offline.js";

const status = byId("status");
const notices = byId("notices");
const list = byId("results");
const placeLine = byId("place");
const mapPanel = byId("map-panel");
const mapToggle = byId("map-toggle");
const chips = [...document.querySelectorAll(".chip")];
const when = byId("when");
const whenAt = byId("when-at");
const whenAtField = byId("when-at-field");
const group = byId("group");
const speaks = byId("speaks");
const stepFree = byId("step-free");
const slow = byId("slow");

// Exposed for the browser tests and for anyone debugging in the console.
window.geoplanFinder = { map: null, markers: null, route: null, answer: null };

let state = readState();
let answer = null; // { query, body, savedAt, status: [lines, kind] as last said }
let note = ""; // what the geocoder said of the chosen place (street-level...)
let sequence = 0;
let mapModule = null;

// The live region: one paragraph per line; a line is text or a list of nodes.
function setStatus(lines, kind = "info") {
  status.replaceChildren(...(Array.isArray(lines) ? lines : [lines]).map((l) => el("p", {}, l)));
  status.dataset.kind = kind;
}

function setNotices(...nodes) {
  notices.replaceChildren(...nodes.filter(Boolean));
}

// The starting point as a node: a searched place keeps its own (Italian) name.
function placeNode(tag = "span") {
  if (state.near) return el(tag, {}, L10N.myPosition);
  if (!state.q) return el(tag, { dir: "ltr" }, `${state.lat.toFixed(5)}, ${state.lon.toFixed(5)}`);
  return el(tag, { lang: "it", dir: "auto" }, state.q);
}

function showPlace() {
  if (state.lon === null) {
    placeLine.hidden = true;
    return;
  }
  const parts = [el("span", {}, ...sayNodes("from", { place: placeNode("strong") }))];
  if (state.precision === "street") {
    parts.push(el("span", { class: "place-note" }, note || L10N.streetLevel));
  }
  placeLine.replaceChildren(...parts);
  placeLine.hidden = false;
}

// The controls show the state (at start, and when the back button restores a view).
function showControls() {
  for (const chip of chips) {
    chip.setAttribute("aria-pressed", chip.dataset.category === state.category ? "true" : "false");
  }
  const at = state.open && state.open !== "now";
  when.value = at ? "at" : state.open;
  whenAtField.hidden = !at;
  if (at) whenAt.value = state.open;
  group.value = state.group;
  speaks.value = state.speaks;
  stepFree.setAttribute("aria-pressed", String(state.stepFree));
  slow.setAttribute("aria-pressed", String(state.slow));
  if (state.open || state.group || state.speaks || state.stepFree || state.slow) {
    byId("filters").open = true;
  }
  search.setText(state.near ? "" : state.q);
  showPlace();
}

function filtersOn() {
  return Boolean(state.open || state.group || state.speaks || state.stepFree);
}

function clearFilters() {
  Object.assign(state, { open: "", group: "", speaks: "", stepFree: false, site: null });
  showControls();
  change();
}

// Sentences of a 400 answer ({"lon": ["..."], "open_at": "..."}), as the API wrote them.
function sentences(body) {
  if (!body || typeof body !== "object") return [];
  return Object.values(body).flatMap((v) => (Array.isArray(v) ? v : [v])).map(String);
}

function failed(message) {
  list.replaceChildren();
  list.removeAttribute("aria-busy");
  list.dataset.state = "error";
  answer = null;
  window.geoplanFinder.answer = null;
  mapToggle.hidden = true;
  setStatus(message, "error");
  setNotices(el("button", { type: "button", class: "retry", onclick: () => load() }, L10N.retry));
}

function savedWhen(iso) {
  const locale = document.documentElement.lang || "it";
  return new Date(iso).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
}

async function load() {
  if (state.lon === null) {
    list.replaceChildren();
    list.dataset.state = "empty";
    setStatus(L10N.chooseStart);
    setNotices();
    mapToggle.hidden = true;
    return;
  }
  const query = nearestQuery(state, config.limit);
  if (answer && answer.query === query) {
    show();
    return;
  }
  const mine = ++sequence;
  list.setAttribute("aria-busy", "true");
  list.dataset.state = "loading";
  setStatus(L10N.loading, "busy");
  setNotices();
  const url = `${config.nearestUrl}?${query}`;
  const controlled = Boolean(navigator.serviceWorker && navigator.serviceWorker.controller);
  let response;
  let body;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" } });
    body = await response.json();
  } catch {
    if (mine === sequence) failed(navigator.onLine === false ? L10N.offlineNotSaved : L10N.networkError);
    return;
  }
  if (mine !== sequence) return;
  if (response.status === 400) {
    failed(state.near && body.lon ? L10N.outsideCity : sentences(body));
  } else if (response.headers.get("X-Finder-Offline")) {
    failed(L10N.offlineNotSaved);
  } else if (!response.ok) {
    failed(L10N.serverError);
  } else {
    answer = { query, body, savedAt: response.headers.get("X-Finder-Saved-At") };
    if (!controlled) keepAnswer(url);
    show();
  }
}

function show() {
  const body = answer.body;
  window.geoplanFinder.answer = body;
  const ids = new Set(body.features.map((f) => f.properties.id));
  if (state.site !== null && !ids.has(state.site)) state.site = null;
  renderResults(list, body, state.site, toggleRoute);
  list.removeAttribute("aria-busy");
  list.dataset.state = body.features.length ? "shown" : "none";
  const lines = [];
  if (answer.savedAt) lines.push(say("offlineSaved", { when: savedWhen(answer.savedAt) }));
  lines.push(
    body.features.length
      ? sayNodes("results", { place: placeNode(), n: body.features.length })
      : L10N.noResults,
  );
  if (body.unknown_hours) lines.push(say("unknownHours", { n: body.unknown_hours }));
  answer.status = [lines, answer.savedAt ? "offline" : body.features.length ? "info" : "empty"];
  setStatus(...answer.status);
  setNotices(
    !body.features.length && filtersOn()
      ? el("button", { type: "button", class: "retry", onclick: clearFilters }, L10N.clearFilters)
      : null,
  );
  mapToggle.hidden = !body.features.length;
  if (state.map && body.features.length) openMap(false);
  else closeMap();
}

function selectedFeature() {
  if (!answer || state.site === null) return null;
  return answer.body.features.find((f) => f.properties.id === state.site) || null;
}

async function openMap(announce) {
  mapPanel.hidden = false;
  mapToggle.setAttribute("aria-expanded", "true");
  mapToggle.textContent = L10N.hideMap;
  if (!mapModule) {
    mapPanel.dataset.state = "loading";
    if (announce) setStatus(L10N.mapLoading, "busy");
  }
  try {
    mapModule = mapModule || (await import("./map.js"));
    await mapModule.openMap(byId("map"));
  } catch {
    mapPanel.dataset.state = "error";
    setStatus(L10N.mapUnavailable, "error");
    return false;
  }
  if (!answer || !state.map) return false;
  mapModule.drawAnswer(answer.body, state.site, (id) => selectSite(id, { fromMap: true }));
  const feature = selectedFeature();
  mapModule.showRoute(feature);
  if (!feature) mapModule.fitAnswer(answer.body);
  mapPanel.dataset.state = "ready";
  // "Loading the map…" said, the answer is said again.
  if (announce && answer.status) setStatus(...answer.status);
  return true;
}

function closeMap() {
  mapPanel.hidden = true;
  mapToggle.setAttribute("aria-expanded", "false");
  mapToggle.textContent = L10N.showMap;
}

// Choosing a site (its route button, or its marker) shows its walking route on the map.
async function selectSite(id, { fromMap = false } = {}) {
  state.site = id;
  state.map = true;
  commit(state);
  markSelected(list, id);
  const feature = selectedFeature();
  if (fromMap) byId(`site-${id}`).scrollIntoView({ block: "nearest" });
  if (await openMap(false)) {
    setStatus(
      say("routeShown", {
        name: feature.properties.name,
        walk: minutes(feature.properties.minutes),
        distance: distance(feature.properties.meters),
      }),
    );
  }
}

function toggleRoute(id) {
  if (state.site === id) {
    state.site = null;
    commit(state);
    markSelected(list, null);
    if (mapModule && state.map) mapModule.showRoute(null);
    setStatus(L10N.routeHidden);
  } else {
    selectSite(id);
  }
}

// A change the visitor made: a new history entry and a new answer.
function change() {
  commit(state);
  load();
}

const search = setupSearch({
  // `replace`: the address already asked for this place (a link with only ?q=).
  onPlace(place, { replace = false } = {}) {
    Object.assign(state, {
      q: place.q, near: place.near, lon: place.lon, lat: place.lat, precision: place.precision,
      site: null,
    });
    note = place.precision === "street" ? place.note : "";
    showPlace();
    commit(state, { replace });
    return load();
  },
  onMessage(text, kind) {
    setStatus(text, kind);
    if (kind !== "busy") setNotices();
  },
});

for (const chip of chips) {
  chip.addEventListener("click", () => {
    const code = chip.dataset.category;
    state.category = state.category === code ? "" : code;
    state.site = null;
    showControls();
    change();
  });
}

when.addEventListener("change", () => {
  whenAtField.hidden = when.value !== "at";
  if (when.value === "at") {
    if (!whenAt.value) {
      // Now, to the quarter hour, in the phone's clock (the API reads it as Turin time).
      const now = new Date();
      now.setMinutes(Math.ceil(now.getMinutes() / 15) * 15, 0, 0);
      const local = new Date(now.getTime() - now.getTimezoneOffset() * 60000);
      whenAt.value = local.toISOString().slice(0, 16);
    }
    state.open = whenAt.value;
  } else {
    state.open = when.value;
  }
  state.site = null;
  change();
});
whenAt.addEventListener("change", () => {
  if (!whenAt.value) return;
  state.open = whenAt.value;
  state.site = null;
  change();
});
group.addEventListener("change", () => {
  state.group = group.value;
  state.site = null;
  change();
});
speaks.addEventListener("change", () => {
  state.speaks = speaks.value;
  state.site = null;
  change();
});
for (const [button, key] of [[stepFree, "stepFree"], [slow, "slow"]]) {
  button.addEventListener("click", () => {
    state[key] = !state[key];
    button.setAttribute("aria-pressed", String(state[key]));
    state.site = null;
    change();
  });
}

mapToggle.addEventListener("click", () => {
  state.map = !state.map;
  commit(state, { replace: true });
  if (state.map) openMap(true);
  else closeMap();
});

window.addEventListener("popstate", () => {
  state = readState();
  note = "";
  showControls();
  load();
});
window.addEventListener("offline", () => setNotices(el("p", { class: "offline-note" }, L10N.offline)));
window.addEventListener("online", () => setNotices());

async function start() {
  if (!Object.keys(config.categories).includes(state.category)) state.category = "";
  showControls();
  keepLanguageSwitch();
  // A link or a search made without the script gives only what was typed (?q=): find it.
  if (state.q && state.lon === null && !state.near) await search.find(state.q, { replace: true });
  else await load();
  // The first screen is usable: measured by bench/bench_finder_page.py, awaited by the tests.
  performance.mark("finder-ready");
  document.body.dataset.finderReady = "true";
  registerWorker();
}

start();
