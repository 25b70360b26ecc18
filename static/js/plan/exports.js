// Export links of the current view (category and walking speed of the map) and of the open
// scenario: zone tables, layers, the map report and the print layout. Rebuilt on every change,
// and when the open scenario's results arrive.
import { T, W, choice, on, store } from "./env.js";
import { el, esc, forScenario, withQuery } from "./util.js";

function link(id, href, text, { download = true, newTab = false } = {}) {
  const attrs = [download ? " download" : "", newTab ? ' target="_blank" rel="noopener"' : ""].join("");
  return `<li><a id="${id}" href="${esc(href)}"${attrs}>${esc(text)}</a></li>`;
}

function render() {
  const { category, profile } = choice();
  const view = { category, profile };
  el("ws-view-exports").innerHTML = [
    link("ws-export-zones-csv", withQuery(W.exportZonesCsv, view), T.exportZonesCsv),
    link("ws-export-zones-xlsx", withQuery(W.exportZonesXlsx, view), T.exportZonesXlsx),
    link("ws-export-zones-geojson", withQuery(W.exportLayerGeojson, { layer: "zones", ...view }), T.exportZonesGeojson),
    link("ws-export-zones-gpkg", withQuery(W.exportLayerGpkg, { layer: "zones", ...view }), T.exportZonesGpkg),
    link("ws-export-sites-geojson", withQuery(W.exportLayerGeojson, { layer: "sites", ...view }), T.exportSitesGeojson),
    link("ws-export-sites-gpkg", withQuery(W.exportLayerGpkg, { layer: "sites", ...view }), T.exportSitesGpkg),
    link("ws-export-print", withQuery(W.printUrl, view), T.exportPrint, { download: false, newTab: true }),
  ].join("");
  const s = store.current;
  if (!s) {
    el("ws-scenario-exports").replaceChildren();
    return;
  }
  // The map's category goes with the scenario's links only when the scenario changes it (the
  // server refuses a category the scenario leaves alone); else the server shows the category
  // the scenario changes most, or every one it changes.
  const results = window.geoplan.scenarioResults;
  const changes = results && results.scenario === s.id && (results.categories || []).includes(category);
  const scenarioView = changes ? view : { profile };
  const mine = { ...scenarioView, scenario: s.id };
  el("ws-scenario-exports").innerHTML = [
    link("ws-scenario-zones-csv", withQuery(W.exportZonesCsv, mine), T.exportZonesCsv),
    link("ws-scenario-zones-xlsx", withQuery(W.exportZonesXlsx, mine), T.exportZonesXlsx),
    link("ws-scenario-zones-geojson", withQuery(W.exportLayerGeojson, { layer: "zones", ...mine }), T.exportZonesGeojson),
    link("ws-scenario-zones-gpkg", withQuery(W.exportLayerGpkg, { layer: "zones", ...mine }), T.exportZonesGpkg),
    link("ws-scenario-proposals-geojson", withQuery(W.exportLayerGeojson, { layer: "proposals", ...mine }), T.exportProposalsGeojson),
    link("ws-scenario-proposals-gpkg", withQuery(W.exportLayerGpkg, { layer: "proposals", ...mine }), T.exportProposalsGpkg),
    link("ws-scenario-report", withQuery(forScenario(W.scenarioReportUrl, s.id), scenarioView), T.exportReport),
    link("ws-scenario-print", withQuery(forScenario(W.scenarioPrintUrl, s.id), scenarioView), T.exportPrint, {
      download: false,
      newTab: true,
    }),
  ].join("");
}

export function setupExports() {
  render();
  on("choice", render);
  on("scenario", render);
  // The results panel marks itself ready (or not) whenever the open scenario's results change.
  new MutationObserver(render).observe(el("ws-results"), { attributes: true, attributeFilter: ["data-ready"] });
}
