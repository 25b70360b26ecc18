// Small helpers shared by the map pages: fetching, legends and class colours.
import { esc, num } from "./plan/util.js";

export async function fetchJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

// Colour of a value given the catalogue's class breaks (upper bounds, ascending).
export function colorFor(value, legend) {
  if (value == null || !legend.breaks) return "#cccccc";
  const i = legend.breaks.findIndex((b) => value <= b);
  return legend.colors[i === -1 ? legend.colors.length - 1 : i];
}

// Only web links are followed from data; anything else is shown as text.
export function safeUrl(url) {
  return /^https?:\/\//i.test(url || "") ? url : null;
}

// One list item per class of a legend {min, breaks, colors, decimals}: swatch, low – high, unit,
// the bounds in the page's language whatever the browser's own.
export function classRows(legend, unit) {
  let low = legend.min;
  const d = legend.decimals || 0;
  return (legend.breaks || []).map((b, i) => {
    const li = document.createElement("li");
    li.innerHTML = `<span class="swatch" style="background:${esc(legend.colors[i])}"></span>${num(low, d)} – ${num(b, d)} ${esc(unit || "")}`;
    low = b;
    return li;
  });
}

export function legendBlock(layer, categories, geojson, L10N) {
  const block = document.createElement("fieldset");
  block.className = "legend";
  block.dataset.layer = layer.id;
  const id = `toggle-${layer.id}`;
  block.innerHTML = `<legend><label><input type="checkbox" id="${id}" ${layer.visible ? "checked" : ""}>
    ${esc(layer.title)}</label></legend><p class="desc">${esc(layer.description)}</p>`;
  const list = document.createElement("ul");
  if (layer.kind === "choropleth" && layer.legend.breaks) {
    classRows(layer.legend, layer.unit).forEach((li) => list.appendChild(li));
  } else if (layer.kind === "category-points") {
    const counts = {};
    geojson.features.forEach((f) => f.properties.services.forEach((s) => (counts[s.category] = (counts[s.category] || 0) + 1)));
    categories.forEach((c) => {
      const li = document.createElement("li");
      li.innerHTML = `<span class="swatch round" style="background:${esc(c.color)}"></span>${esc(c.name)} <span class="count">(${counts[c.code] || 0})</span>`;
      list.appendChild(li);
    });
    const li = document.createElement("li");
    li.innerHTML = `<span class="swatch round dashed"></span>${esc(L10N.approximate)}`;
    list.appendChild(li);
  }
  block.appendChild(list);
  return block;
}
