// Planner map: draws every layer of the catalogue (/api/layers/) from its GeoJSON source.
import { esc, fetchJSON, legendBlock, colorFor } from "./layers.js";

const config = JSON.parse(document.getElementById("map-config").textContent);
const L10N = config.labels;
const statusBox = document.getElementById("status");

const map = L.map("map", { preferCanvas: false, zoomControl: true }).setView([45.07, 7.68], 12);
L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
  maxZoom: 19,
  attribution: "&copy; OpenStreetMap contributors",
}).addTo(map);

// Exposed for the browser tests and for anyone debugging in the console.
window.geoplan = { map, layers: {}, counts: {}, ready: false };

function zonePopup(p) {
  return `<strong>${esc(p.code)} ${esc(p.name)}</strong><br>
    ${esc(L10N.circoscrizione)}: ${esc(p.circoscrizione)} – ${esc(p.circoscrizione_name)}<br>
    ${esc(L10N.population)}: ${p.population == null ? esc(L10N.noData) : p.population.toLocaleString()}<br>
    ${esc(L10N.density)}: ${p.density_per_km2 == null ? esc(L10N.noData) : Math.round(p.density_per_km2).toLocaleString()} /km²`;
}

function sitePopup(p) {
  const precision = p.location_precision === "street" ? L10N.approximate : p.location_precision_label;
  const services = p.services
    .map((s) => {
      const flag = s.is_illustrative ? `<div class="illustrative">${esc(L10N.illustrative)}</div>` : "";
      const capacity = s.capacity != null ? `<br>${esc(L10N.capacity)}: ${s.capacity} ${esc(s.capacity_unit)}` : "";
      const hours = s.hours_text ? `<br>${esc(L10N.hours)}: ${esc(s.hours_text)}` : "";
      const source = s.source_url
        ? `<br><a href="${esc(s.source_url)}" target="_blank" rel="noopener">${esc(L10N.source)}</a>` +
          (s.as_of_year ? ` (${esc(L10N.asOf)} ${s.as_of_year})` : "")
        : "";
      return `<li>${flag}<strong>${esc(s.name)}</strong><br>${esc(L10N.category)}:
        <span class="swatch" style="background:${esc(s.color)}"></span>${esc(s.category_name)}${capacity}${hours}${source}</li>`;
    })
    .join("");
  return `<strong>${esc(p.name)}</strong><br>${esc(L10N.address)}: ${esc(p.address)}<br>
    ${esc(L10N.precision)}: <span class="precision-${esc(p.location_precision)}">${esc(precision)}</span>
    <ul class="services">${services}</ul>`;
}

function drawChoropleth(layer, geojson) {
  return L.geoJSON(geojson, {
    style: (f) => ({
      className: `layer-${layer.id}`,
      color: "#555",
      weight: 0.7,
      fillOpacity: 0.65,
      fillColor: colorFor(f.properties[layer.property], layer.legend),
    }),
    onEachFeature: (f, l) => l.bindPopup(zonePopup(f.properties)),
  });
}

function drawSites(layer, geojson) {
  return L.geoJSON(geojson, {
    pointToLayer: (f, latlng) => {
      const p = f.properties;
      const first = p.services[0] || {};
      const approximate = p.location_precision === "street";
      return L.circleMarker(latlng, {
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

async function loadLayer(layer, categories) {
  const geojson = await fetchJSON(layer.source);
  const drawn = layer.kind === "choropleth" ? drawChoropleth(layer, geojson) : drawSites(layer, geojson);
  window.geoplan.layers[layer.id] = drawn;
  window.geoplan.counts[layer.id] = geojson.features.length;
  if (layer.visible) drawn.addTo(map);
  if (layer.kind === "category-points") drawn.bringToFront();
  const block = legendBlock(layer, categories, geojson, L10N);
  block.querySelector("input").addEventListener("change", (e) => {
    if (e.target.checked) drawn.addTo(map);
    else map.removeLayer(drawn);
  });
  return block;
}

async function main() {
  try {
    const [layers, categories] = await Promise.all([
      fetchJSON(config.layersUrl),
      fetchJSON(config.categoriesUrl),
    ]);
    const container = document.getElementById("layers");
    const blocks = await Promise.all(layers.map((layer) => loadLayer(layer, categories)));
    blocks.forEach((b) => container.appendChild(b));
    // Keep points above areas whatever order the fetches finished in.
    Object.values(window.geoplan.layers).forEach((l) => l.eachLayer && l.eachLayer((m) => m.bringToFront && m instanceof L.CircleMarker && m.bringToFront()));
    window.geoplan.ready = true;
    document.body.dataset.mapReady = "true";
  } catch (err) {
    statusBox.textContent = L10N.loadError;
    statusBox.classList.add("error");
    console.error(err);
  }
}

main();
