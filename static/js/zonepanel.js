// The zone panel: one zone's indicators, its need for the chosen category, its walking access to
// every category and the services nearby. Opened from the gap table or from a zone's popup.
import { fetchJSON } from "./layers.js";
import { L10N, config, fmtMin, int, map, pct, state } from "./context.js";
import { LANG, esc, fill, num } from "./plan/util.js";

const panel = document.getElementById("zone-panel");
let current = null;
let highlight = null;
let generation = 0;

function zoneFeature(code) {
  return (state.zones?.features || []).find((f) => f.properties.code === code);
}

function highlightZone(code, zoom) {
  if (highlight) map.removeLayer(highlight);
  highlight = null;
  const feature = zoneFeature(code);
  if (!feature) return;
  highlight = L.geoJSON(feature, {
    pane: "highlight",
    interactive: false,
    style: { className: "zone-highlight", color: "#111", weight: 4, dashArray: null, fill: false },
  }).addTo(map);
  if (zoom) map.fitBounds(highlight.getBounds(), { padding: [24, 24], maxZoom: 15 });
}

function needSection(zone) {
  const a = (zone.access || []).find((x) => x.category === state.category);
  if (!a) return "";
  const t = a.threshold_min ?? 15;
  const rows = (a.components || [])
    .map((c) => `<tr><td>${esc(c.label)}</td><td class="num">${num(c.weight, 1)}</td><td class="num">${num(c.z, 2)}</td></tr>`)
    .join("");
  return `<h3>${esc(fill(L10N.needComponents, { category: a.category_name }))}</h3>
    <p>${esc(L10N.need)}: <strong>${num(a.need, 2)}</strong> (${esc(L10N.needPercentile)} ${esc(pct(a.need_01))})<br>
    ${esc(L10N.gapPeople)}: <strong>${int(a.gap_people)}</strong> ${esc(fill(L10N.gapPeopleUnit, { t }))}
    (${esc(L10N.rank)} ${esc(a.rank_label ?? a.gap_rank ?? "–")}, ${esc(L10N.intensity)} ${num(a.gap, 2)})</p>
    ${rows ? `<table class="components"><thead><tr><th>${esc(L10N.component)}</th><th>${esc(L10N.weight)}</th><th>${esc(L10N.zScore)}</th></tr></thead><tbody>${rows}</tbody></table>` : ""}`;
}

function accessSection(zone) {
  const rows = (zone.access || [])
    .map(
      (a) => `<tr${a.category === state.category ? ' class="chosen"' : ""}>
        <td><span class="swatch" style="background:${esc(a.color)}"></span>${esc(a.category_name)}</td>
        <td class="num">${esc(fmtMin(a.mean_min))}</td><td class="num">${esc(pct(a.share_within_15))}</td>
        <td class="num">${int(a.residents_beyond)}</td><td class="num">${esc(a.rank_label ?? a.gap_rank ?? "–")}</td></tr>`,
    )
    .join("");
  const t = zone.access?.[0]?.threshold_min ?? 15;
  return `<h3>${esc(L10N.accessByCategory)}</h3>
    <div class="table-scroll"><table class="access"><thead><tr><th>${esc(L10N.category)}</th><th>${esc(L10N.meanMin)}</th>
    <th>${esc(L10N.within15)}</th><th>${esc(fill(L10N.residentsBeyond, { t }))}</th><th>${esc(L10N.rank)}</th></tr></thead>
    <tbody>${rows}</tbody></table></div>`;
}

function indicatorSection(zone) {
  const items = (zone.indicators || [])
    .map(
      (i) => {
        // Year and source, either of which may be missing: "(2011, ISTAT)", "(ISTAT)" or nothing.
        const about = [i.year, i.source].filter((v) => v != null && v !== "").join(", ");
        const value = i.value == null ? esc(L10N.noData) : Number(i.value).toLocaleString(LANG, { maximumFractionDigits: 2 });
        return `<li><strong>${esc(i.label)}</strong>: ${value} ${esc(i.unit || "")}
        ${about ? `<span class="source">(${esc(about)})</span>` : ""}</li>`;
      },
    )
    .join("");
  return items ? `<h3>${esc(L10N.indicators)}</h3><ul class="indicators">${items}</ul>` : "";
}

function sitesSection(zone) {
  const items = (zone.sites_nearby || [])
    .map(
      (s) => `<li>${s.is_illustrative ? `<span class="illustrative">${esc(L10N.illustrative)}</span> ` : ""}<strong>${esc(s.name)}</strong> – ${esc(s.category_name)}<br>
        <span class="source">${esc(s.address)} · ${int(s.distance_m)} m${s.in_zone ? ` · ${esc(L10N.inZone)}` : ""}</span></li>`,
    )
    .join("");
  return items ? `<h3>${esc(L10N.sitesNearby)}</h3><ul class="nearby">${items}</ul>` : "";
}

function render(zone) {
  const population = zone.population == null ? L10N.noData : num(zone.population);
  panel.innerHTML = `<div class="zone-head"><h2 id="zone-panel-title">${esc(zone.code)} ${esc(zone.name)}</h2>
      <button type="button" class="zone-close" aria-label="${esc(L10N.close)}">×</button></div>
    <p class="desc">${esc(L10N.circoscrizione)} ${esc(zone.circoscrizione)} – ${esc(zone.circoscrizione_name)} ·
      ${esc(L10N.residentsIn)}: ${esc(population)}${zone.population_year ? ` (${esc(zone.population_year)})` : ""}</p>
    ${needSection(zone)}${accessSection(zone)}${indicatorSection(zone)}${sitesSection(zone)}`;
  panel.dataset.zone = zone.code;
  panel.querySelector(".zone-close").addEventListener("click", closeZone);
}

export async function openZone(code, { zoom = false } = {}) {
  const mine = ++generation;
  current = code;
  highlightZone(code, zoom);
  panel.hidden = false;
  panel.dataset.zone = code;
  panel.innerHTML = `<p class="desc">${esc(L10N.loading)}</p>`;
  panel.scrollIntoView({ block: "nearest" });
  try {
    const zone = await fetchJSON(`${config.zoneUrl.replace("CODE", encodeURIComponent(code))}?profile=${encodeURIComponent(state.profile)}`);
    if (mine !== generation) return;
    render(zone);
  } catch (err) {
    if (mine !== generation) return;
    const feature = zoneFeature(code);
    const name = feature ? `${code} ${feature.properties.name}` : code;
    panel.innerHTML = `<div class="zone-head"><h2 id="zone-panel-title">${esc(name)}</h2>
      <button type="button" class="zone-close" aria-label="${esc(L10N.close)}">×</button></div>
      <p class="desc">${esc(L10N.notAvailable)}</p>`;
    panel.querySelector(".zone-close").addEventListener("click", closeZone);
  }
}

export function closeZone() {
  generation++;
  current = null;
  panel.hidden = true;
  panel.innerHTML = "";
  delete panel.dataset.zone;
  if (highlight) map.removeLayer(highlight);
  highlight = null;
}

// After a change of category or walking speed the open zone shows the new choice.
export function refreshZone() {
  if (current) openZone(current);
}

// Every "Zone details" button of every popup opens the panel.
document.addEventListener("click", (e) => {
  const button = e.target.closest?.(".zone-details");
  if (!button) return;
  map.closePopup();
  openZone(button.dataset.zone);
});
