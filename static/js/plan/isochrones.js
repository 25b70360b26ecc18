// Walking areas around a site or a proposed place: nested bands of 5, 10, 15 and 20 minutes on
// foot (GET /api/isochrones/), one set at a time, with a legend, a download and a remove button.
import { T, W, choice, map } from "./env.js";
import { api, el, esc, fill, num, refusal, withQuery } from "./util.js";

// Greens, darker nearer: the bands overlap, so the inner ones read darker still.
const BAND_COLORS = { 5: "#006d2c", 10: "#31a354", 15: "#74c476", 20: "#bae4b3" };
const FALLBACK = "#a1d99b";
let drawn = null;
let generation = 0;

function clear() {
  if (drawn) map.removeLayer(drawn);
  drawn = null;
  window.geoplan.isochrones = null;
}

function remove() {
  generation++;
  clear();
  el("ws-isochrones").hidden = true;
  el("ws-iso-legend").replaceChildren();
}

function legend(data) {
  const bands = data.features
    .filter((f) => f.properties.point === 0 || f.properties.point == null)
    .sort((a, b) => a.properties.minutes - b.properties.minutes);
  el("ws-iso-legend").innerHTML = bands
    .map((f) => {
      const p = f.properties;
      const color = BAND_COLORS[p.minutes] || FALLBACK;
      return `<li data-minutes="${esc(p.minutes)}"><span class="swatch" style="background:${color}"></span>
        ${esc(fill(T.isoBand, { minutes: p.minutes }))}: ${esc(
          fill(T.isoResidents, { residents: num(p.residents), area: num(p.area_km2, 2) }),
        )}</li>`;
    })
    .join("");
}

// params: {site} or {lon, lat}; `what` names the place in the status line.
export async function showIsochrones(params, what = "") {
  const mine = ++generation;
  const box = el("ws-isochrones");
  box.hidden = false;
  el("ws-iso-status").textContent = T.isoWorking;
  el("ws-iso-legend").replaceChildren();
  const url = withQuery(W.isochronesUrl, { ...params, profile: choice().profile });
  el("ws-iso-download").href = withQuery(url, { download: 1 });
  const answer = await api(url);
  if (mine !== generation) return;
  if (!answer.ok) {
    clear();
    el("ws-iso-status").textContent = refusal(answer, T.loadError);
    return;
  }
  clear();
  const data = answer.data;
  // Widest first, so that each narrower band is drawn over the wider one.
  const features = [...data.features].sort((a, b) => b.properties.minutes - a.properties.minutes);
  drawn = L.geoJSON(
    { type: "FeatureCollection", features },
    {
      pane: "ws-isochrones",
      interactive: false,
      style: (f) => ({
        className: `ws-iso-band ws-iso-${f.properties.minutes}`,
        color: BAND_COLORS[f.properties.minutes] || FALLBACK,
        weight: 1,
        fillColor: BAND_COLORS[f.properties.minutes] || FALLBACK,
        fillOpacity: 0.22,
      }),
    },
  ).addTo(map);
  window.geoplan.isochrones = data;
  // The popup that asked would hide the bands: the map shows them whole instead.
  map.closePopup();
  if (drawn.getBounds().isValid()) map.fitBounds(drawn.getBounds(), { padding: [20, 20], maxZoom: 15 });
  legend(data);
  el("ws-iso-status").textContent = what;
  box.scrollIntoView({ block: "nearest" });
}

// A button that draws the walking areas of a place.
export function isochroneButton(params, what = "") {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "ws-iso-button";
  button.textContent = T.isoButton;
  button.addEventListener("click", () => showIsochrones(params, what));
  return button;
}

export function setupIsochrones() {
  el("ws-iso-remove").addEventListener("click", () => {
    remove();
    el("workspace-title").focus?.();
  });
}
