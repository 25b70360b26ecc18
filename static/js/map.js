// Planner map: draws every layer of the catalogue (/api/layers/) from its GeoJSON source, each in
// its own pane (areas below, services on top), with the worst-gap list, the zone panel, the need
// layer and the what-if.
import { colorFor, fetchJSON, legendBlock } from "./layers.js";
import { L10N, canvasLeavingWith, config, map, paneFor, state, withChoice } from "./context.js";
import { POPUPS, sitePopup } from "./popups.js";
import { loadWorst } from "./worst.js";
import { refreshZone } from "./zonepanel.js";
import { onChoiceChanged as needFollows, setupNeedLayer } from "./needlayer.js";
import { onChoiceChanged as whatIfFollows, setupWhatIf } from "./whatif.js";

const statusBox = document.getElementById("status");

// Exposed for the browser tests and for anyone debugging in the console.
window.geoplan = { map, layers: {}, counts: {}, ready: false, whatif: null };

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

// Layers that do not depend on the category are fetched once.
const fixedData = {};

async function layerData(layer) {
  if (layer.per_category) return fetchJSON(withChoice(layer.source));
  fixedData[layer.id] ??= fetchJSON(layer.source);
  return fixedData[layer.id];
}

async function loadLayer(layer, current) {
  const geojson = await layerData(layer);
  if (!current()) return null;
  const drawn = layer.kind === "choropleth" ? drawChoropleth(layer, geojson) : drawSites(layer, geojson);
  window.geoplan.layers[layer.id] = drawn;
  window.geoplan.counts[layer.id] = geojson.features.length;
  if (layer.id === "zones-density") state.zones = geojson;
  if (layer.visible) drawn.addTo(map);
  const block = legendBlock(layer, state.categories, geojson, L10N);
  block.querySelector("input").addEventListener("change", (e) => {
    if (e.target.checked) drawn.addTo(map);
    else map.removeLayer(drawn);
  });
  return block;
}

// Each reload gets a number; a slower, older reload that finishes late draws nothing.
let generation = 0;

async function loadAll() {
  const mine = ++generation;
  const current = () => mine === generation;
  const layers = await fetchJSON(withChoice(config.layersUrl));
  if (!current()) return false;
  const visible = {};
  Object.entries(window.geoplan.layers).forEach(([id, l]) => {
    if (!l || id === "need") return;
    visible[id] = map.hasLayer(l);
    map.removeLayer(l);
  });
  layers.forEach((layer) => {
    if (layer.id in visible) layer.visible = visible[layer.id];
  });
  const [blocks] = await Promise.all([
    Promise.all(layers.map((layer) => loadLayer(layer, current).catch(() => null))),
    loadWorst(),
  ]);
  if (!current()) return false;
  document.getElementById("layers").replaceChildren(...blocks.filter(Boolean));
  return true;
}

async function main() {
  setupWhatIf();
  try {
    state.categories = await fetchJSON(config.categoriesUrl);
    const select = document.getElementById("category");
    state.categories.forEach((c) => select.add(new Option(c.name, c.code)));
    state.category = config.defaultCategory;
    select.value = state.category;
    const profileSelect = document.getElementById("profile");
    const reload = async () => {
      state.category = select.value;
      state.profile = profileSelect.value;
      document.body.dataset.mapReady = "false";
      if (!(await loadAll())) return;
      needFollows();
      whatIfFollows();
      refreshZone();
      document.body.dataset.mapReady = "true";
    };
    select.addEventListener("change", reload);
    profileSelect.addEventListener("change", reload);
    await loadAll();
    await setupNeedLayer();
    // Open on the whole city, whatever the screen size.
    const zones = window.geoplan.layers["zones-density"];
    if (zones) map.fitBounds(zones.getBounds(), { padding: [8, 8], animate: false });
    window.geoplan.ready = true;
    document.body.dataset.mapReady = "true";
  } catch (err) {
    statusBox.textContent = L10N.loadError;
    statusBox.classList.add("error");
    console.error(err);
  }
}

main();
