// The need layer: the need index of the chosen category, or any indicator, drawn on the zone
// polygons already loaded (joined by zone code) with a legend naming title, unit, source and year.
import { classRows, colorFor, fetchJSON } from "./layers.js";
import { L10N, categoryName, config, map, state, withChoice } from "./context.js";
import { LANG, esc } from "./plan/util.js";
import { detailsButton } from "./popups.js";

const select = document.getElementById("need-layer");
const legendBox = document.getElementById("need-legend");
let drawn = null;
let generation = 0;

export async function setupNeedLayer() {
  select.add(new Option(needTitle(categoryName(state.category)), "need"));
  try {
    const indicators = await fetchJSON(config.indicatorsUrl);
    const group = document.createElement("optgroup");
    group.label = L10N.indicatorsGroup;
    indicators.forEach((i) => {
      // A label that already names its year ("Residenti (c. 2017)") is not given it twice.
      const year = i.year && !String(i.label).includes(String(i.year)) ? ` (${i.year})` : "";
      group.appendChild(new Option(`${i.label}${year}`, `indicator:${i.code}`));
    });
    if (indicators.length) select.appendChild(group);
  } catch (err) {
    // Without the indicator list the need index alone is offered.
  }
  select.addEventListener("change", drawNeed);
}

function needTitle(category) {
  return L10N.needIndexOf.replace("{category}", category);
}

function clear() {
  if (drawn) map.removeLayer(drawn);
  drawn = null;
  legendBox.hidden = true;
  legendBox.innerHTML = "";
  window.geoplan.layers.need = null;
}

function describe(data, choice) {
  // The need index answer names its parts; an indicator answer is one indicator.
  if (choice === "need") {
    return { title: needTitle(categoryName(data.category)), unit: data.unit, source: data.source, year: data.year };
  }
  return { title: data.label, unit: data.unit, source: data.source, year: data.year, licence: data.licence };
}

function popup(zone, value, info, decimals) {
  const shown = value == null ? L10N.noData : Number(value).toLocaleString(LANG, { maximumFractionDigits: Math.max(decimals, 2) });
  return `<strong>${esc(zone.code)} ${esc(zone.name)}</strong><br>${esc(info.title)}: ${esc(shown)} ${esc(info.unit || "")}
    ${detailsButton(zone.code)}`;
}

// " (2011, ISTAT)" of a need component, leaving out whichever of year and source is missing.
function about(c) {
  const parts = [c.year, c.source].filter((v) => v != null && v !== "");
  return parts.length ? ` (${esc(parts.join(", "))})` : "";
}

function legend(info, data, choice) {
  const components = choice === "need" && data.components?.length
    ? `<p class="desc">${data.components.map((c) => `${esc(c.label)} ×${esc(Number(c.weight).toLocaleString(LANG))}${about(c)}`).join("; ")}</p>`
    : "";
  legendBox.innerHTML = `<p class="need-title"><strong>${esc(info.title)}</strong>${info.unit ? ` (${esc(info.unit)})` : ""}</p>
    <p class="desc need-source">${esc(L10N.source)}: ${esc(info.source || L10N.noData)} · ${esc(L10N.year)} ${esc(info.year ?? L10N.noData)}${info.licence ? ` · ${esc(L10N.licence)}: ${esc(info.licence)}` : ""}</p>
    ${components}<ul></ul>
    ${data.legend?.method ? `<p class="desc">${esc(L10N.method)}: ${esc(data.legend.method)}</p>` : ""}`;
  const list = legendBox.querySelector("ul");
  classRows(data.legend || {}, info.unit).forEach((li) => list.appendChild(li));
  legendBox.hidden = false;
}

export async function drawNeed() {
  const mine = ++generation;
  const choice = select.value;
  if (!choice || !state.zones) {
    clear();
    return;
  }
  const url =
    choice === "need"
      ? withChoice(config.needUrl)
      : config.indicatorUrl.replace("CODE", encodeURIComponent(choice.slice("indicator:".length)));
  let data;
  try {
    data = await fetchJSON(url);
  } catch (err) {
    if (mine !== generation) return;
    clear();
    legendBox.innerHTML = `<p class="desc">${esc(L10N.notAvailable)}</p>`;
    legendBox.hidden = false;
    return;
  }
  if (mine !== generation) return;
  clear();
  const values = new Map(data.values.map((v) => [v.zone, v.value]));
  const info = describe(data, choice);
  const lg = data.legend || {};
  drawn = L.geoJSON(state.zones, {
    pane: "need",
    style: (f) => ({
      className: "layer-need",
      color: "#444",
      weight: 0.7,
      fillOpacity: 0.75,
      fillColor: colorFor(values.get(f.properties.code), lg),
    }),
    onEachFeature: (f, l) => l.bindPopup(popup(f.properties, values.get(f.properties.code), info, lg.decimals || 0)),
  }).addTo(map);
  window.geoplan.layers.need = drawn;
  window.geoplan.counts.need = values.size;
  legend(info, data, choice);
}

// The need index belongs to a category (and its run to a walking speed): follow the choice.
export function onChoiceChanged() {
  select.options[1].text = needTitle(categoryName(state.category));
  if (select.value === "need") drawNeed();
}
