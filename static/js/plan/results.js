// What the open scenario changes (GET /api/scenarios/<id>/results/): city totals before and
// after for each category its edits affect, the zones that change most, and a delta layer on
// the map: zones coloured by the change in need-weighted residents beyond 15 minutes for the
// map's current category.
import { T, W, categoryName, choice, map, on, store, zonePolygons } from "./env.js";
import { api, el, esc, fill, forScenario, num, refusal, signed, withQuery } from "./util.js";
import { deltaClasses, deltaColor, deltaLegendItems } from "./delta-classes.js";
import { CITY_MEASURES, change, figure, topZones, zoneHeading, zonePopup } from "./change-figures.js";
const ZONES_SHOWN = 10;

let results = null;
let layer = null;
let generation = 0;

function headline(row) {
  const d = row.delta?.residents_within_15;
  const text = d != null && d < 0 ? T.noLongerWithin : T.newlyWithin;
  return `<p class="ws-headline"><strong class="ws-newly" data-category="${esc(row.category)}" data-value="${d ?? ""}">${esc(
    signed(d),
  )}</strong> ${esc(text)}</p>`;
}

function cityTable(row) {
  const body = CITY_MEASURES.map(([key, label, decimals]) => {
    const b = row.before?.[key];
    const a = row.after?.[key];
    const d = row.delta?.[key];
    const scale = Math.max(Math.abs(b ?? 0), Math.abs(a ?? 0));
    const shown = [figure(b, decimals), figure(a, decimals), change(d, decimals, scale)];
    return `<tr data-measure="${key}"><th scope="row">${esc(T[label])}</th><td class="num">${esc(shown[0])}</td>
      <td class="num">${esc(shown[1])}</td><td class="num">${esc(shown[2])}</td></tr>`;
  }).join("");
  return `<section class="ws-city-category" data-category="${esc(row.category)}">
    <h5>${esc(row.category_name || categoryName(row.category))}</h5>${headline(row)}
    <table class="ws-table"><thead><tr><th scope="col">${esc(T.measure)}</th><th scope="col">${esc(T.before)}</th>
    <th scope="col">${esc(T.after)}</th><th scope="col">${esc(T.change)}</th></tr></thead><tbody>${body}</tbody></table></section>`;
}

function zonesTable(data) {
  const several = data.categories.length > 1;
  const top = topZones(data.zones, "delta", ZONES_SHOWN);
  el("ws-zones-title").hidden = !top.length;
  if (!top.length) return "";
  const rows = top
    .map(
      (z) => `<tr data-zone="${esc(z.zone)}" data-category="${esc(z.category)}">
      ${zoneHeading(z, categoryName(z.category), several)}
      <td class="num">${esc(signed(z.delta?.residents_within_15))}</td>
      <td class="num">${esc(signed(z.delta?.need_weighted_unserved))}</td>
      <td class="num">${esc(num(z.before?.mean_min, 1))} → ${esc(num(z.after?.mean_min, 1))}</td></tr>`,
    )
    .join("");
  return `<table class="ws-table ws-zones-table"><thead><tr><th scope="col">${esc(T.zone)}</th>
    <th scope="col">${esc(T.zoneNewly)}</th><th scope="col">${esc(T.zoneNeed)}</th><th scope="col">${esc(T.zoneMean)}</th></tr></thead>
    <tbody>${rows}</tbody></table>`;
}

function render(data) {
  const status = el("ws-results-status");
  if (!data.categories.length) {
    status.textContent = [T.resultsNone, ...(data.warnings || [])].join(" ");
    el("ws-city").replaceChildren();
    el("ws-zones").replaceChildren();
    el("ws-zones-title").hidden = true;
    return;
  }
  const profile = data.profile === "slow" ? T.profileSlow : T.profileStandard;
  status.textContent = fill(T.computedIn, { seconds: num(data.seconds, 2), profile });
  // Edits of sites no longer published are skipped: the server says which.
  (data.warnings || []).forEach((w) => {
    const note = document.createElement("span");
    note.className = "ws-note ws-warning";
    note.textContent = w;
    status.appendChild(note);
  });
  el("ws-city").innerHTML = data.city.map(cityTable).join("");
  el("ws-zones").innerHTML = zonesTable(data);
}

function clearLayer() {
  if (layer) map.removeLayer(layer);
  layer = null;
  window.geoplan.layers.scenarioDelta = null;
}

// The map page opens its zone panel from any button of this class (data-zone: the zone's code).
function detailsButton(code) {
  return `<br><button type="button" class="zone-details" data-zone="${esc(code)}">${esc(T.zoneDetails)}</button>`;
}

function deltaPopup(zone, row, category) {
  if (!row) return `<strong>${esc(zone.code)} ${esc(zone.name)}</strong>${detailsButton(zone.code)}`;
  const unserved = `${num(row.before?.need_weighted_unserved)} → ${num(row.after?.need_weighted_unserved)}`;
  const lines = [
    [T.needUnserved, `${unserved} (${signed(row.delta?.need_weighted_unserved)})`],
    [T.residentsWithin, signed(row.delta?.residents_within_15)],
  ];
  return zonePopup(row, categoryName(category), lines, detailsButton(row.zone));
}

// The delta layer of the current category, drawn when the toggle is on.
async function drawLayer() {
  const mine = generation;
  const legendBox = el("ws-delta-legend");
  clearLayer();
  if (!results) {
    legendBox.hidden = true;
    return;
  }
  const { category } = choice();
  const title = fill(T.deltaTitle, { category: categoryName(category) });
  if (!results.categories.includes(category)) {
    legendBox.hidden = false;
    legendBox.innerHTML = `<p class="desc">${esc(fill(T.deltaUnaffected, { category: categoryName(category) }))}</p>`;
    return;
  }
  const rows = new Map(results.zones.filter((z) => z.category === category).map((z) => [z.zone, z]));
  const classes = deltaClasses([...rows.values()].map((z) => z.delta?.need_weighted_unserved));
  legendBox.hidden = false;
  // Classes of under half a person would all read "no change": the legend says so once.
  const items = classes.max >= 0.5 ? `<ul>${deltaLegendItems(classes, T)}</ul>` : `<p class="desc">${esc(T.deltaNoZones)}</p>`;
  legendBox.innerHTML = `<p class="ws-legend-title"><strong>${esc(title)}</strong></p>${items}`;
  if (!el("ws-delta-toggle").checked) return;
  let zones;
  try {
    zones = await zonePolygons();
  } catch (err) {
    legendBox.insertAdjacentHTML("beforeend", `<p class="ws-error">${esc(T.loadError)}</p>`);
    return;
  }
  if (mine !== generation || !el("ws-delta-toggle").checked) return;
  clearLayer();
  layer = L.geoJSON(zones, {
    pane: "ws-delta",
    style: (f) => {
      const row = rows.get(f.properties.code);
      return {
        className: "ws-delta-zone",
        color: "#555",
        weight: 0.6,
        // Unchanged zones stay see-through: the map's own layers show under them.
        fillOpacity: row && Math.abs(row.delta?.need_weighted_unserved ?? 0) >= 0.5 ? 0.75 : 0.08,
        fillColor: deltaColor(row ? row.delta?.need_weighted_unserved ?? 0 : null, classes),
      };
    },
    onEachFeature: (f, l) => l.bindPopup(deltaPopup(f.properties, rows.get(f.properties.code), category)),
  }).addTo(map);
  window.geoplan.layers.scenarioDelta = layer;
}

async function load() {
  const mine = ++generation;
  const s = store.current;
  const box = el("ws-results");
  if (!s) {
    results = null;
    window.geoplan.scenarioResults = null;
    clearLayer();
    el("ws-delta-legend").hidden = true;
    return;
  }
  box.setAttribute("aria-busy", "true");
  box.dataset.ready = "false";
  el("ws-results-status").textContent = T.working;
  const answer = await api(withQuery(forScenario(W.resultsUrl, s.id), { profile: choice().profile }));
  if (mine !== generation) return;
  box.setAttribute("aria-busy", "false");
  if (!answer.ok) {
    results = null;
    clearLayer();
    el("ws-city").replaceChildren();
    el("ws-zones").replaceChildren();
    el("ws-results-status").textContent = refusal(answer, T.loadError);
    box.dataset.ready = "error";
    return;
  }
  results = answer.data;
  window.geoplan.scenarioResults = results;
  render(results);
  await drawLayer();
  // The results shown are those of the scenario's edits as they are now (tests wait on it).
  box.dataset.scenario = s.id;
  box.dataset.edits = (s.edits || []).length;
  box.dataset.ready = "true";
}

export function setupResults() {
  on("scenario", load);
  on("choice", (now) => {
    if (!store.current) return;
    if (results && results.profile === now.profile) drawLayer();
    else load();
  });
  el("ws-delta-toggle").addEventListener("change", drawLayer);
}
