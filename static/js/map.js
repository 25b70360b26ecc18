// Planner map: draws every layer of the catalogue (/api/layers/), each in its own pane (areas
// below, services on top), with the ranked gap table, the need weights, the zone panel, the need
// layer and the what-if. Zones and sites are fetched once; a change of category or walking speed
// fetches only what depends on it: the cells' values (hexagons drawn from their H3 indexes), the
// zones' gap values (joined to the zone polygons already loaded), the city's summary and the
// category's need profile. A change of threshold or of need weights fetches nothing. The whole
// view is kept in the page's address (urlstate.js).
import { colorFor, fetchJSON, legendBlock } from "./layers.js";
import { L10N, canvasLeavingWith, config, map, paneFor, pct, state, withChoice } from "./context.js";
import { LANG, esc, fill } from "./plan/util.js";
import { cellsGeoJSON, zonesGeoJSON } from "./shapes.js";
import { POPUPS, sitePopup } from "./popups.js";
import { cityShare, loadCity, showCity } from "./citysummary.js";
import { refreshZone } from "./zonepanel.js";
import { onChoiceChanged as needFollows, setupNeedLayer, drawNeed } from "./needlayer.js";
import { onChoiceChanged as whatIfFollows, setupWhatIf } from "./whatif.js";
import { currentRows, setupGapTable } from "./gaptable.js";
import { currentWeights, loadNeedProfile, rerank, setupNeedWeights } from "./needweights.js";
import { announce, readUrl, rememberView, setUrlState, snapshot, watchSwitcher, writeUrl } from "./urlstate.js";

const statusBox = document.getElementById("status");

// Exposed for the workspace panel (static/js/plan/), the browser tests and the console.
let catalogueLoaded;
const catalogueReady = new Promise((resolve) => {
  catalogueLoaded = resolve;
});
window.geoplan = {
  map,
  layers: {},
  counts: {},
  ready: false,
  whatif: null,
  state,
  // The zone polygons (GeoJSON of /api/zones/), fetched once for everyone.
  zonePolygons: () => catalogueReady.then(() => zonePolygons()),
  setUrlState,
  snapshot,
  gapRows: () => currentRows(),
  weights: () => currentWeights(),
};

function drawChoropleth(layer, geojson) {
  const options = (renderer) => ({
    pane: paneFor(layer),
    renderer,
    style: (f) => ({
      className: `layer-${layer.id}`,
      color: layer.id === "access-nearest" ? "#0000" : "#555",
      weight: 0.7,
      fillOpacity: 0.65,
      fillColor: colorFor(f.properties[layer.property], layer.legend),
    }),
    onEachFeature: (f, l) => l.bindPopup(POPUPS[layer.id](f.properties)),
  });
  // Thousands of cells go on a canvas; the zones stay SVG.
  return layer.id === "access-nearest"
    ? canvasLeavingWith(paneFor(layer), (renderer) => L.geoJSON(geojson, options(renderer)))
    : L.geoJSON(geojson, options(undefined));
}

function drawSites(layer, geojson) {
  return L.geoJSON(geojson, {
    pointToLayer: (f, latlng) => {
      const p = f.properties;
      const first = p.services[0] || {};
      const approximate = p.location_precision === "street";
      return L.circleMarker(latlng, {
        pane: paneFor(layer),
        className: `layer-${layer.id} site-marker` + (p.is_illustrative ? " illustrative-marker" : ""),
        radius: approximate ? 8 : 7,
        color: p.is_illustrative ? "#000" : "#fff",
        weight: 2,
        dashArray: approximate || p.is_illustrative ? "3 3" : null,
        fillColor: first.color || "#777",
        fillOpacity: 0.9,
      });
    },
    onEachFeature: (f, l) => l.bindPopup(sitePopup(f.properties)),
  });
}

// The zone polygons: every zone layer and the joins use them.
const ZONES_LAYER = "zones-density";

// Layers that do not depend on the choice are fetched once.
const fixedData = {};
let catalogue = [];
// Whether each layer is shown (its checkbox), and its legend block in the panel.
const shown = {};
const blocks = {};

function fixedJSON(layer) {
  fixedData[layer.id] ??= fetchJSON(layer.source);
  return fixedData[layer.id];
}

function zonePolygons() {
  return fixedJSON(catalogue.find((l) => l.id === ZONES_LAYER));
}

// The layer's GeoJSON, its legend (per-choice answers carry their own) and, for a run's
// results, the answer itself (run, computed_at).
async function layerData(layer) {
  if (!layer.per_category) return { geojson: await fixedJSON(layer), legend: layer.legend };
  const data = await fetchJSON(withChoice(layer.source));
  if (layer.geometry === "h3") return { geojson: cellsGeoJSON(data), legend: data.legend, run: data };
  if (layer.geometry === "zones") {
    return { geojson: zonesGeoJSON(data, await zonePolygons()), legend: data.legend, run: data };
  }
  return { geojson: data, legend: layer.legend, run: data };
}

// "Walking times computed 29 Nov 2026, 19:40", from the run the layers show.
function showRun(data) {
  const box = document.getElementById("run-info");
  if (!data.computed_at) return;
  const when = new Intl.DateTimeFormat(LANG, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: config.timeZone,
  }).format(new Date(data.computed_at));
  box.textContent = fill(L10N.computedAt, { when });
  box.dataset.run = data.run;
  box.dataset.computedAt = data.computed_at;
}

// A layer whose data could not be had shows nothing rather than another choice's data.
function forget(layer) {
  const previous = window.geoplan.layers[layer.id];
  if (previous) map.removeLayer(previous);
  window.geoplan.layers[layer.id] = null;
  window.geoplan.counts[layer.id] = 0;
  const block = blocks[layer.id];
  block.innerHTML = `<legend>${esc(layer.title)}</legend><p class="desc">${esc(L10N.notAvailable)}</p>`;
}

async function loadLayer(layer, current) {
  let data;
  try {
    data = await layerData(layer);
  } catch (err) {
    if (current()) forget(layer);
    throw err;
  }
  const { geojson, legend, run } = data;
  if (!current()) return;
  const previous = window.geoplan.layers[layer.id];
  if (previous) map.removeLayer(previous);
  const described = { ...layer, legend: legend || {}, visible: shown[layer.id] };
  const drawn =
    layer.kind === "choropleth" ? drawChoropleth(described, geojson) : drawSites(described, geojson);
  window.geoplan.layers[layer.id] = drawn;
  window.geoplan.counts[layer.id] = geojson.features.length;
  if (layer.id === ZONES_LAYER) state.zones = geojson;
  if (shown[layer.id]) drawn.addTo(map);
  if (run) showRun(run);
  const block = legendBlock(described, state.categories, geojson, L10N);
  block.dataset.breaks = (described.legend.breaks || []).join(",");
  block.querySelector("input").addEventListener("change", (e) => {
    shown[layer.id] = e.target.checked;
    if (e.target.checked) drawn.addTo(map);
    else map.removeLayer(drawn);
  });
  blocks[layer.id].replaceWith(block);
  blocks[layer.id] = block;
  if (layer.id === ACCESS_LAYER) markThreshold();
}

// The minutes layer's legend says which classes are within the chosen threshold.
const ACCESS_LAYER = "access-nearest";

function markThreshold() {
  const block = blocks[ACCESS_LAYER];
  if (!block?.dataset.breaks) return;
  const t = state.threshold;
  const breaks = block.dataset.breaks.split(",").map(Number);
  block.querySelectorAll("li").forEach((li, i) => {
    const beyond = breaks[i] > t;
    li.classList.toggle("beyond-threshold", beyond);
    li.dataset.reach = beyond ? "beyond" : "within";
    li.querySelector(".reach")?.remove();
    const note = document.createElement("span");
    note.className = "reach";
    note.textContent = ` · ${fill(beyond ? L10N.beyondT : L10N.withinT, { t })}`;
    li.appendChild(note);
  });
  let note = block.querySelector(".threshold-note");
  if (!note) {
    note = document.createElement("p");
    note.className = "desc threshold-note";
    block.appendChild(note);
  }
  const share = cityShare();
  note.textContent =
    fill(L10N.thresholdNote, { t }) + (share == null ? "" : ` ${fill(L10N.cityWithin, { t })}: ${pct(share)}.`);
  note.dataset.threshold = String(t);
}

// The catalogue, once: a block per layer in its order, filled as each layer arrives.
async function loadCatalogue() {
  catalogue = await fetchJSON(config.layersUrl);
  catalogue.forEach((layer) => {
    shown[layer.id] = layer.visible;
    const block = document.createElement("fieldset");
    block.className = "legend";
    block.dataset.layer = layer.id;
    block.innerHTML = `<legend>${esc(layer.title)}</legend>`;
    blocks[layer.id] = block;
  });
  document.getElementById("layers").replaceChildren(...catalogue.map((l) => blocks[l.id]));
}

function failed(layer) {
  return (err) => {
    console.error(layer.id, err);
  };
}

// Each reload gets a number; a slower, older reload that finishes late draws nothing.
let generation = 0;

// What depends on the category and the walking speed.
async function loadChoice() {
  const mine = ++generation;
  const current = () => mine === generation;
  const perChoice = catalogue.filter((layer) => layer.per_category);
  await Promise.all([
    ...perChoice.map((layer) => loadLayer(layer, current).catch(failed(layer))),
    loadCity(),
    loadNeedProfile(),
  ]);
  if (current()) markThreshold();
  return current();
}

// The threshold changes what is counted as within reach: nothing to fetch.
function thresholdChanged() {
  markThreshold();
  showCity();
  rerank();
}

function restoreNeedLayer(wanted) {
  const select = document.getElementById("need-layer");
  if (!wanted || ![...select.options].some((o) => o.value === wanted)) {
    state.need = "";
    return null;
  }
  select.value = wanted;
  state.need = wanted;
  return drawNeed();
}

function restoreView(view) {
  if (view) {
    map.setView([view.lat, view.lon], view.zoom, { animate: false });
    return;
  }
  // Open on the whole city, whatever the screen size.
  const zones = window.geoplan.layers["zones-density"];
  if (zones) map.fitBounds(zones.getBounds(), { padding: [8, 8], animate: false });
}

async function main() {
  const asked = readUrl();
  state.profile = asked.profile;
  state.threshold = asked.threshold;
  state.scenario = asked.scenario;
  watchSwitcher();
  setupWhatIf();
  setupGapTable();
  setupNeedWeights();
  const select = document.getElementById("category");
  const profileSelect = document.getElementById("profile");
  const thresholdSelect = document.getElementById("threshold");
  profileSelect.value = state.profile;
  thresholdSelect.value = String(state.threshold);
  try {
    state.categories = await fetchJSON(config.categoriesUrl);
    state.categories.forEach((c) => select.add(new Option(c.name, c.code)));
    const known = (code) => state.categories.some((c) => c.code === code);
    state.category = known(asked.category) ? asked.category : config.defaultCategory;
    select.value = state.category;
    const reload = async () => {
      state.category = select.value;
      state.profile = profileSelect.value;
      writeUrl();
      announce();
      document.body.dataset.mapReady = "false";
      if (!(await loadChoice())) return;
      needFollows();
      whatIfFollows();
      refreshZone();
      document.body.dataset.mapReady = "true";
    };
    select.addEventListener("change", reload);
    profileSelect.addEventListener("change", reload);
    thresholdSelect.addEventListener("change", () => {
      state.threshold = Number(thresholdSelect.value);
      thresholdChanged();
      writeUrl();
      announce();
    });
    document.getElementById("need-layer").addEventListener("change", (e) => {
      state.need = e.target.value;
      writeUrl();
    });
    await loadCatalogue();
    catalogueLoaded();
    const fixed = catalogue.filter((layer) => !layer.per_category);
    await Promise.all([...fixed.map((layer) => loadLayer(layer, () => true).catch(failed(layer))), loadChoice()]);
    await setupNeedLayer();
    await restoreNeedLayer(asked.need);
    restoreView(asked.view);
    map.on("moveend", () => rememberView(map));
    rememberView(map);
    announce();
    window.geoplan.ready = true;
    document.body.dataset.mapReady = "true";
  } catch (err) {
    statusBox.textContent = L10N.loadError;
    statusBox.classList.add("error");
    console.error(err);
  }
}

main();
