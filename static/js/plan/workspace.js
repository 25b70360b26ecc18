// The planners' workspace beside the map: scenarios (list, new, from the planned sites, the one
// open kept in the address), their edits and results with a delta layer, optimal siting with its
// progress, the choice of two scenarios to compare, walking areas and exports.
import { W, watchChoice } from "./env.js";
import { el } from "./util.js";
import { setupScenarios } from "./scenarios.js";
import { setupEdits } from "./edits.js";
import { setupResults } from "./results.js";
import { setupPopupTools } from "./popup-tools.js";
import { setupIsochrones } from "./isochrones.js";
import { setupSiting } from "./siting.js";
import { setupExports } from "./exports.js";

async function main() {
  const panel = el("workspace");
  // The workspace is the planners'; anyone else sees the map alone.
  if (!panel || !W.planner) return;
  panel.hidden = false;
  watchChoice();
  setupIsochrones();
  setupEdits();
  setupResults();
  setupPopupTools();
  setupSiting();
  setupExports();
  await setupScenarios();
  panel.dataset.ready = "true";
}

main().catch((err) => {
  console.error("workspace", err);
});
