// The comparison page: the change each scenario makes, drawn on two maps side by side with the
// same classes (and kept at the same view), and the table of GET /api/scenarios/compare/.
import { api, el, esc, fill, refusal, rows, signed, withQuery } from "./util.js";
import { deltaClasses, deltaColor, deltaLegendItems } from "./delta-classes.js";
import { drawEdits } from "./compare-markers.js";
import { CITY_MEASURES, change, topZones, zoneHeading, zonePopup } from "./change-figures.js";

const config = JSON.parse(el("compare-config").textContent);
const T = config.labels;
const ZONES_SHOWN = 15;

window.geoplanCompare = { ready: false, maps: {}, layers: {}, data: null };

function categoryName(code, data) {
  const row = data?.city?.find((c) => c.category === code);
  if (row?.category_name) return row.category_name;
  const found = config.categories.find((c) => c.code === code);
  return found ? found.name : code;
}

function newMap(id) {
  const m = L.map(id, { zoomControl: true }).setView([45.07, 7.68], 12);
  L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 19,
    attribution: "&copy; OpenStreetMap contributors",
  }).addTo(m);
  return m;
}

// Moving one map moves the other: the same place is compared.
function keepTogether(one, other) {
  let following = false;
  const follow = (from, to) => () => {
    if (following) return;
    following = true;
    to.setView(from.getCenter(), from.getZoom(), { animate: false });
    following = false;
  };
  one.on("moveend", follow(one, other));
  other.on("moveend", follow(other, one));
}

function sidePopup(row, side, category, data) {
  const d = row[side] || {};
  return zonePopup(row, categoryName(category, data), [
    [T.zoneNeed, `${signed(d.need_weighted_unserved)} ${T.people}`],
    [T.zoneNewly, signed(d.residents_within_15)],
  ]);
}

function draw(map, zones, values, classes, side, category, data) {
  const layer = L.geoJSON(zones, {
    style: (f) => {
      const row = values.get(f.properties.code);
      return {
        className: `compare-zone compare-zone-${side}`,
        color: "#555",
        weight: 0.6,
        fillOpacity: 0.75,
        fillColor: deltaColor(row ? row[side]?.need_weighted_unserved ?? 0 : null, classes),
      };
    },
    onEachFeature: (f, l) => {
      const row = values.get(f.properties.code);
      l.bindPopup(row ? sidePopup(row, side, category, data) : `${esc(f.properties.code)} ${esc(f.properties.name)}`);
    },
  }).addTo(map);
  window.geoplanCompare.layers[side] = layer;
  return layer;
}

function cityTable(data) {
  const blocks = data.city.map((row) => {
    const body = CITY_MEASURES.map(([key, label, d]) => {
      const values = [row.a?.[key], row.b?.[key], row.b_minus_a?.[key]];
      // The largest of the three sizes the floating-point noise of the others (see signedSig).
      const scale = Math.max(...values.map((v) => Math.abs(v ?? 0)));
      const [a, b, diff] = values.map((v) => change(v, d, scale));
      return `<tr data-measure="${key}"><th scope="row">${esc(T[label])}</th>
        <td class="num">${esc(a)}</td><td class="num">${esc(b)}</td><td class="num">${esc(diff)}</td></tr>`;
    }).join("");
    return `<table class="ws-table compare-city" data-category="${esc(row.category)}">
      <caption>${esc(row.category_name || categoryName(row.category, data))}</caption>
      <thead><tr><th scope="col">${esc(T.measure)}</th><th scope="col">${esc(T.compareA)}</th>
      <th scope="col">${esc(T.compareB)}</th><th scope="col">${esc(T.bMinusA)}</th></tr></thead><tbody>${body}</tbody></table>`;
  });
  return blocks.join("") || `<p class="desc">${esc(T.resultsNone)}</p>`;
}

function zonesTable(data) {
  const top = topZones(data.zones, "b_minus_a", ZONES_SHOWN);
  if (!top.length) return `<p class="desc">${esc(T.deltaNone)}</p>`;
  const several = data.categories.length > 1;
  const body = top
    .map(
      (z) => `<tr data-zone="${esc(z.zone)}" data-category="${esc(z.category)}">
      ${zoneHeading(z, categoryName(z.category, data), several)}
      <td class="num">${esc(signed(z.a?.need_weighted_unserved))}</td><td class="num">${esc(signed(z.b?.need_weighted_unserved))}</td>
      <td class="num">${esc(signed(z.b_minus_a?.need_weighted_unserved))}</td>
      <td class="num">${esc(signed(z.a?.residents_within_15))}</td><td class="num">${esc(signed(z.b?.residents_within_15))}</td>
      <td class="num">${esc(signed(z.b_minus_a?.residents_within_15))}</td></tr>`,
    )
    .join("");
  return `<table class="ws-table compare-zones-table"><thead>
    <tr><th scope="col" rowspan="2">${esc(T.zone)}</th><th scope="colgroup" colspan="3">${esc(T.zoneNeed)}</th>
      <th scope="colgroup" colspan="3">${esc(T.zoneNewly)}</th></tr>
    <tr><th scope="col">A</th><th scope="col">B</th><th scope="col">${esc(T.bMinusA)}</th>
      <th scope="col">A</th><th scope="col">B</th><th scope="col">${esc(T.bMinusA)}</th></tr></thead><tbody>${body}</tbody></table>`;
}

async function zonePolygons() {
  const answer = await api(config.zonesUrl);
  if (!answer.ok) throw new Error(`zones: HTTP ${answer.status}`);
  return Array.isArray(answer.data) ? { type: "FeatureCollection", features: rows(answer.data) } : answer.data;
}

async function main() {
  const status = el("compare-status");
  const maps = { a: newMap("map-a"), b: newMap("map-b") };
  window.geoplanCompare.maps = maps;
  keepTogether(maps.a, maps.b);
  const url = withQuery(config.compareUrl, { a: config.a.id, b: config.b.id, profile: config.profile });
  const [answer, zones] = await Promise.all([api(url), zonePolygons()]);
  if (!answer.ok) {
    status.textContent = refusal(answer, T.loadError);
    status.classList.add("compare-errors");
    document.body.dataset.compareReady = "error";
    return;
  }
  const data = answer.data;
  window.geoplanCompare.data = data;
  const category = config.category || data.categories[0] || config.categories[0]?.code;
  // The exports name the category the page shows.
  ["compare-csv", "compare-xlsx"].forEach((id) => {
    const link = el(id);
    const href = new URL(link.href);
    href.searchParams.set("category", category);
    link.href = href.pathname + href.search;
  });
  const values = new Map(data.zones.filter((z) => z.category === category).map((z) => [z.zone, z]));
  const all = [...values.values()].flatMap((z) => [z.a?.need_weighted_unserved, z.b?.need_weighted_unserved]);
  const classes = deltaClasses(all);
  const drawn = ["a", "b"].map((side) => draw(maps[side], zones, values, classes, side, category, data));
  maps.a.fitBounds(drawn[0].getBounds(), { padding: [6, 6], animate: false });
  await Promise.all(["a", "b"].map((side) => drawEdits(maps[side], config, config[side].id)));
  el("compare-legend").innerHTML = `<p class="ws-legend-title"><strong>${esc(
    fill(T.deltaTitle, { category: categoryName(category, data) }),
  )}</strong></p><ul>${deltaLegendItems(classes, T)}</ul>`;
  el("compare-city").innerHTML = cityTable(data);
  el("compare-zones").innerHTML = zonesTable(data);
  const profile = data.profile === "slow" ? T.profileSlow : T.profileStandard;
  status.textContent = `${categoryName(category, data)} · ${profile}`;
  // Edits skipped, capacities that count for nothing: each scenario's own, said as the workspace says them.
  ["a", "b"].forEach((side) =>
    (data[side]?.warnings || []).forEach((w) => {
      const note = document.createElement("span");
      note.className = "ws-note ws-warning";
      note.textContent = `${side === "a" ? T.compareA : T.compareB}: ${w}`;
      status.appendChild(note);
    }),
  );
  window.geoplanCompare.ready = true;
  document.body.dataset.compareReady = "true";
}

main().catch((err) => {
  console.error(err);
  el("compare-status").textContent = T.loadError;
  document.body.dataset.compareReady = "error";
});

