// The map, second to the list: fetched (Leaflet included) only when someone opens it or asks
// for a walking route, so that the first screen costs a poor phone as little as possible.
// Markers carry the list's numbers; choosing one selects the same place in the list.
import { config, el, say } from "./dom.js";

let leaflet = null;
let map = null;
let markers = new Map();
let origin = null;
let route = null;
let drawn = null;

function loaded(node) {
  return new Promise((resolve, reject) => {
    node.addEventListener("load", resolve, { once: true });
    node.addEventListener("error", reject, { once: true });
  });
}

function loadLeaflet() {
  if (!leaflet) {
    const css = el("link", { rel: "stylesheet", href: config.leaflet.css });
    const script = el("script", { src: config.leaflet.js });
    const both = Promise.all([loaded(css), loaded(script)]);
    document.head.append(css, script);
    leaflet = both.then(() => window.L).catch((error) => {
      css.remove();
      script.remove();
      leaflet = null;
      throw error;
    });
  }
  return leaflet;
}

// The map in its container, made once.
export async function openMap(container) {
  const L = await loadLeaflet();
  if (!map) {
    map = L.map(container, { zoomControl: false, attributionControl: true });
    L.control.zoom({ zoomInTitle: say("zoomIn"), zoomOutTitle: say("zoomOut") }).addTo(map);
    map.attributionControl.setPrefix(false);
    L.tileLayer(config.tiles.url, {
      maxZoom: config.tiles.maxZoom,
      attribution: `<a href="https://www.openstreetmap.org/copyright">${say("tilesCredit")}</a>`,
    }).addTo(map);
    map.setView(config.center, 13);
    window.geoplanFinder.map = map;
  }
  map.invalidateSize();
  return map;
}

function pin(L, number, selected) {
  return L.divIcon({
    className: `pin${selected ? " pin-selected" : ""}`,
    html: `<span>${number}</span>`,
    iconSize: [44, 44],
    iconAnchor: [22, 22],
  });
}

// The answer's sites as numbered markers and the starting point; `onSelect(id)` when chosen.
export function drawAnswer(answer, selectedId, onSelect) {
  const L = window.L;
  // The same answer is not drawn again: a marker keeps its element, and so the focus.
  if (answer === drawn) return;
  drawn = answer;
  for (const { marker } of markers.values()) marker.remove();
  markers = new Map();
  if (origin) origin.remove();
  const start = [answer.origin.lat, answer.origin.lon];
  origin = L.circleMarker(start, {
    radius: 9, color: "#fff", weight: 3, fillColor: "#0b4f8a", fillOpacity: 1,
    interactive: false, className: "finder-origin",
  }).addTo(map);
  answer.features.forEach((feature, i) => {
    const [lon, lat] = feature.geometry.coordinates;
    const name = say("marker", { n: i + 1, name: feature.properties.name });
    const marker = L.marker([lat, lon], {
      icon: pin(L, i + 1, feature.properties.id === selectedId),
      title: name,
      alt: name,
      keyboard: true,
      riseOnHover: true,
    }).addTo(map);
    marker.on("click", () => onSelect(feature.properties.id));
    // Leaflet makes markers focusable buttons but gives Enter no action of its own (without
    // a popup): Enter and Space choose the marker, as a button's keys would.
    marker.on("keypress", (event) => {
      const key = event.originalEvent.key;
      if (key === "Enter" || key === " ") {
        event.originalEvent.preventDefault();
        onSelect(feature.properties.id);
      }
    });
    markers.set(feature.properties.id, { marker, number: i + 1 });
  });
  window.geoplanFinder.markers = markers;
}

export function fitAnswer(answer) {
  const L = window.L;
  const points = [[answer.origin.lat, answer.origin.lon]];
  for (const f of answer.features) points.push([f.geometry.coordinates[1], f.geometry.coordinates[0]]);
  map.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 16 });
}

// The walking route to one site (from the answer, route=1), the map fitted to it; null clears.
export function showRoute(feature) {
  const L = window.L;
  if (route) route.remove();
  route = null;
  for (const [id, { marker, number }] of markers) {
    marker.setIcon(pin(L, number, feature && id === feature.properties.id));
  }
  if (!feature) return;
  const line = feature.properties.route;
  const [lon, lat] = feature.geometry.coordinates;
  const points = line ? line.coordinates.map(([x, y]) => [y, x]) : [];
  // The path ends at the network; the last steps to the door are drawn as well.
  points.push([lat, lon]);
  route = L.polyline(points, { className: "finder-route", color: "#0b4f8a", weight: 6, opacity: 0.9 });
  route.addTo(map);
  map.fitBounds(route.getBounds(), { padding: [40, 40], maxZoom: 17 });
  window.geoplanFinder.route = route;
}
