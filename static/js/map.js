// Planner map: draws every layer of the catalogue (/api/layers/) from its GeoJSON source.
import { esc, fetchJSON, legendBlock, colorFor, safeUrl } from "./layers.js";

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
      const weekly = (s.opening_hours || [])
        .map((h) => `${esc(h.weekday_name)} ${esc(h.opens_at)}–${esc(h.closes_at)}`)
        .join(", ");
      const hours = weekly
        ? `<br>${esc(L10N.hours)}: ${weekly}`
        : s.hours_text
          ? `<br>${esc(L10N.hours)}: ${esc(s.hours_text)}`
          : "";
      const link = safeUrl(s.source_url);
      const source = link
        ? `<br><a href="${esc(link)}" target="_blank" rel="noopener noreferrer">${esc(L10N.source)}</a>` +
          (s.as_of_year ? ` (${esc(L10N.asOf)} ${esc(s.as_of_year)})` : "")
        : "";
      return `<li>${flag}<strong>${esc(s.name)}</strong><br>${esc(L10N.category)}:
        <span class="swatch" style="background:${esc(s.color)}"></span>${esc(s.category_name)}${capacity}${hours}${source}</li>`;
    })
    .join("");
  return `<strong>${esc(p.name)}</strong><br>${esc(L10N.address)}: ${esc(p.address)}<br>
    ${esc(L10N.precision)}: <span class="precision-${esc(p.location_precision)}">${esc(precision)}</span>
    <ul class="services">${services}</ul>`;
}

function fmtMin(v) {
  return v == null ? L10N.unreachable : `${v.toFixed(1)} min`;
}

function pct(v) {
  return v == null ? L10N.noData : `${Math.round(v * 100)}%`;
}

const POPUPS = {
  "zones-density": zonePopup,
  "access-nearest": (p) => `<strong>${esc(L10N.cell)}</strong><br>
    ${esc(L10N.nearest)}: ${esc(fmtMin(p.nearest_min))}<br>
    ${esc(L10N.residents)}: ${p.population.toLocaleString()}<br>
    ${esc(L10N.sitesWithin15)}: ${p.sites_within_15}`,
  "zones-gap": (p) => `<strong>${esc(p.code)} ${esc(p.name)}</strong><br>
    ${esc(L10N.gap)}: ${p.gap == null ? esc(L10N.noData) : p.gap.toFixed(2)} (${esc(L10N.rank)} ${p.gap_rank ?? "–"})<br>
    ${esc(L10N.need)}: ${p.need == null ? esc(L10N.noData) : p.need.toFixed(2)}<br>
    ${esc(L10N.within15)}: ${esc(pct(p.share_within_15))}<br>
    ${esc(L10N.meanMin)}: ${esc(fmtMin(p.mean_min))}`,
};

function drawChoropleth(layer, geojson) {
  return L.geoJSON(geojson, {
    renderer: layer.id === "access-nearest" ? L.canvas() : undefined,
    style: (f) => ({
      className: `layer-${layer.id}`,
      color: layer.id === "access-nearest" ? "#0000" : "#555",
      weight: 0.7,
      fillOpacity: 0.65,
      fillColor: colorFor(f.properties[layer.property], layer.legend),
    }),
    onEachFeature: (f, l) => l.bindPopup(POPUPS[layer.id](f.properties)),
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

let category = null;
let profile = "standard";

function withCategory(url) {
  return category
    ? `${url}?category=${encodeURIComponent(category)}&profile=${encodeURIComponent(profile)}`
    : url;
}

async function loadLayer(layer, categories, current = () => true) {
  const geojson = await fetchJSON(layer.per_category ? withCategory(layer.source) : layer.source);
  if (!current()) return null;
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

async function loadWorst() {
  const list = document.getElementById("worst-list");
  list.innerHTML = "";
  try {
    const data = await fetchJSON(`${withCategory(config.worstUrl)}&n=10`);
    const c = data.city || {};
    const num = (v, d = 2) => (v == null ? "–" : Number(v).toFixed(d));
    document.getElementById("equity").textContent =
      `${L10N.cityMean} ${num(c.mean_min, 1)} min · ${L10N.within15} ${pct(c.share_within_15)} · ` +
      `Gini ${num(c.gini_nearest_min)} · Palma ${num(c.palma_nearest_min)}`;
    data.zones.forEach((z) => {
      const li = document.createElement("li");
      li.innerHTML = `<strong>${esc(z.code)} ${esc(z.name)}</strong> – ${esc(L10N.gap)} ${z.gap.toFixed(2)},
        ${esc(L10N.within15)} ${esc(pct(z.share_within_15))}, ${esc(fmtMin(z.mean_min))}`;
      list.appendChild(li);
    });
  } catch (err) {
    list.innerHTML = `<li>${esc(L10N.noRun)}</li>`;
  }
}

// Each reload gets a number; a slower, older reload that finishes late draws nothing.
let generation = 0;

async function loadAll(categories) {
  const mine = ++generation;
  const layers = await fetchJSON(withCategory(config.layersUrl));
  if (mine !== generation) return;
  const container = document.getElementById("layers");
  const visible = {};
  Object.entries(window.geoplan.layers).forEach(([id, l]) => {
    visible[id] = map.hasLayer(l);
    map.removeLayer(l);
  });
  container.innerHTML = "";
  layers.forEach((layer) => {
    if (layer.id in visible) layer.visible = visible[layer.id];
  });
  const blocks = await Promise.all(
    layers.map((layer) => loadLayer(layer, categories, () => mine === generation).catch(() => null)),
  );
  if (mine !== generation) return;
  blocks.filter(Boolean).forEach((b) => container.appendChild(b));
  await loadWorst();
}

// What-if: a click on the map proposes a site of the chosen category; the server answers from a
// bounded search around it. The proposal is drawn as such and never saved.
const proposals = L.layerGroup().addTo(map);
let placing = false;

function sentences(value) {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(sentences);
  if (value && typeof value === "object") return Object.values(value).flatMap(sentences);
  return [];
}

function clearProposals() {
  proposals.clearLayers();
  document.getElementById("whatif-list").innerHTML = "";
  document.getElementById("whatif-status").textContent = "";
  document.getElementById("whatif-clear").hidden = true;
}

function setupWhatIf() {
  const start = document.getElementById("whatif-start");
  const clear = document.getElementById("whatif-clear");
  const status = document.getElementById("whatif-status");
  const list = document.getElementById("whatif-list");
  start.addEventListener("click", () => {
    placing = true;
    status.textContent = L10N.whatIfHint;
    document.getElementById("map").classList.add("placing");
  });
  clear.addEventListener("click", clearProposals);
  // "preclick" reaches the map before a zone or marker under the pointer opens its popup.
  map.on("preclick", async (e) => {
    if (!placing) return;
    placing = false;
    map.once("popupopen", () => map.closePopup());
    document.getElementById("map").classList.remove("placing");
    const site = { lon: e.latlng.lng, lat: e.latlng.lat, category };
    let response, data;
    try {
      response = await fetch(`${config.whatIfUrl}?profile=${encodeURIComponent(profile)}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": config.csrfToken },
        body: JSON.stringify({ sites: [site] }),
      });
      data = await response.json();
    } catch (err) {
      status.textContent = L10N.loadError;
      return;
    }
    list.innerHTML = "";
    clear.hidden = false;
    if (!response.ok) {
      // The server's own sentences (outside Turin, unknown category, ...), without JSON syntax.
      status.textContent = sentences(data).join(" ");
      return;
    }
    L.circleMarker(e.latlng, { className: "proposed-marker", radius: 9, color: "#000", dashArray: "2 3", fillColor: "#fff", fillOpacity: 0.9 })
      .bindTooltip(L10N.proposed)
      .addTo(proposals);
    const gained = data.zones.filter((z) => z.newly_within_15 > 0);
    status.textContent = gained.length ? "" : L10N.whatIfNone;
    gained.slice(0, 10).forEach((z) => {
      const li = document.createElement("li");
      li.innerHTML = `<strong>${esc(z.zone)} ${esc(z.zone_name)}</strong>: +${z.newly_within_15.toLocaleString()} ${esc(L10N.newlyWithin)},
        ${z.delta_mean_min.toFixed(1)} min, ${esc(L10N.rankChange)} ${z.gap_rank_before ?? "–"} → ${z.gap_rank_after ?? "–"}`;
      list.appendChild(li);
    });
  });
}

async function main() {
  setupWhatIf();
  try {
    const categories = await fetchJSON(config.categoriesUrl);
    const select = document.getElementById("category");
    categories.forEach((c) => select.add(new Option(c.name, c.code)));
    category = config.defaultCategory;
    select.value = category;
    const profileSelect = document.getElementById("profile");
    const reload = async () => {
      clearProposals();
      category = select.value;
      profile = profileSelect.value;
      document.body.dataset.mapReady = "false";
      await loadAll(categories);
      document.body.dataset.mapReady = "true";
    };
    select.addEventListener("change", reload);
    profileSelect.addEventListener("change", reload);
    await loadAll(categories);
    // Open on the whole city, whatever the screen size.
    const zones = window.geoplan.layers["zones-density"];
    if (zones) map.fitBounds(zones.getBounds(), { padding: [8, 8], animate: false });
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
