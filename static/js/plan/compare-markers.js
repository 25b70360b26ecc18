// Each scenario's own edits on its map of the comparison page: proposed and moved sites with the
// workspace's "not a real site" markers, closed sites crossed out.
import { api, forScenario, rows, withQuery } from "./util.js";
import { crossedMarker, editColor, proposedMarker } from "./edit-markers.js";

let sites = null;
// Where each published site is (only when a scenario closes or moves one).
function siteLocations(url) {
  sites ??= api(withQuery(url, { limit: 1000 })).then((answer) => {
    const found = new Map();
    if (answer.ok) {
      const features = Array.isArray(answer.data) ? answer.data : answer.data.features || rows(answer.data);
      features.forEach((f) => {
        const [lon, lat] = f.geometry?.coordinates || [];
        if (lat != null) found.set(String(f.id ?? f.properties?.id), [lat, lon]);
      });
    }
    return found;
  });
  return sites;
}

export async function drawEdits(map, config, scenarioId) {
  const T = config.labels;
  const answer = await api(forScenario(config.scenarioUrl, scenarioId));
  if (!answer.ok) return 0;
  const edits = answer.data.edits || [];
  const color = (code) => config.categories.find((c) => c.code === code)?.color || "#333";
  const needSites = edits.some((e) => e.kind === "close" || e.kind === "move");
  const where = needSites ? await siteLocations(config.sitesUrl) : new Map();
  const group = L.layerGroup().addTo(map);
  edits.forEach((edit) => {
    if (edit.kind === "add" || edit.kind === "move") {
      const name = edit.name || edit.site_name || "";
      proposedMarker(edit, editColor(edit, color), T.proposed, `${T.proposed}${name ? `: ${name}` : ""}`).addTo(group);
    }
    const at = edit.site != null ? where.get(String(edit.site)) : null;
    if ((edit.kind === "close" || edit.kind === "move") && at) {
      const label = edit.kind === "close" ? T.closedSite : T.movedFrom;
      crossedMarker(at, edit.kind, `${label}: ${edit.site_name || edit.site}`).addTo(group);
    }
  });
  return edits.length;
}
