// Shapes for answers that travel without geometry: H3 cells drawn from their index with h3-js
// (served from our static files, global `h3`), zone values joined to the zone polygons already
// loaded. Both give GeoJSON, so the layers, popups and tests treat them as before.

// {columns: ["h3", ...], cells: [["89...", ...], ...]} → one hexagon feature per cell, its
// values as properties.
export function cellsGeoJSON(data) {
  const columns = data.columns;
  const at = columns.indexOf("h3");
  return {
    type: "FeatureCollection",
    features: data.cells.map((row) => {
      const properties = {};
      columns.forEach((name, i) => {
        properties[name] = row[i];
      });
      // [lng, lat] pairs, closed: a GeoJSON ring.
      return { type: "Feature", geometry: { type: "Polygon", coordinates: [h3.cellToBoundary(row[at], true)] }, properties };
    }),
  };
}

// {zones: [{code, ...values}]} on the zone polygons (GeoJSON of /api/zones/), joined by code;
// zones without values are left out.
export function zonesGeoJSON(data, zones) {
  const values = new Map(data.zones.map((z) => [z.code, z]));
  return {
    type: "FeatureCollection",
    features: zones.features
      .filter((f) => values.has(f.properties.code))
      .map((f) => ({ type: "Feature", geometry: f.geometry, properties: values.get(f.properties.code) })),
  };
}
