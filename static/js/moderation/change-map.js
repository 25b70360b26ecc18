// The pin of a site under review: where it stood when the request was filed and where the
// request would put it, joined by a line. Data comes from the page (json_script); labels are
// set as text, never as HTML.
const data = JSON.parse(document.getElementById("change-map-data").textContent);
const COLOURS = { old: "#6c757d", new: "#d62828" };

function tooltip(text) {
  const span = document.createElement("span");
  span.textContent = text;
  return span;
}

const box = document.getElementById("change-map");
const map = L.map(box, { scrollWheelZoom: false });
L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
  maxZoom: 19,
  attribution: "&copy; OpenStreetMap contributors",
}).addTo(map);

const points = [];
for (const key of ["old", "new"]) {
  const pin = data[key];
  if (!pin) continue;
  const latlng = [pin.lat, pin.lon];
  points.push(latlng);
  const label = key === "old" && !data.new ? data.labels.current : data.labels[key];
  L.circleMarker(latlng, {
    radius: 8,
    color: "#fff",
    weight: 2,
    fillColor: COLOURS[key],
    fillOpacity: 1,
    className: `pin-${key}`,
  })
    .bindTooltip(tooltip(label), { permanent: true, direction: "top", offset: [0, -8] })
    .addTo(map);
}
if (points.length === 2) {
  L.polyline(points, { color: "#333", weight: 2, dashArray: "4 4" }).addTo(map);
  map.fitBounds(L.latLngBounds(points), { padding: [40, 40], maxZoom: 18 });
} else if (points.length === 1) {
  map.setView(points[0], 17);
}
// Exposed for browser tests and for anyone debugging in the console.
window.geoplanChangeMap = map;
