// The city's summary above the gap table: mean walk, residents within the threshold, Gini and
// Palma of walking minutes, from the run (/api/access/worst/, whose city figures it carries).
import { fetchJSON } from "./layers.js";
import { L10N, config, pct, state, withChoice } from "./context.js";
import { fill, num } from "./plan/util.js";

let generation = 0;
let city = null;

export function showCity() {
  const box = document.getElementById("equity");
  if (!city) {
    box.textContent = L10N.noRun;
    return;
  }
  box.textContent = fill(L10N.citySummary, {
    mean: num(city.mean_min, 1),
    t: state.threshold,
    share: pct(city[`share_within_${state.threshold}`]),
    gini: num(city.gini_nearest_min, 2),
    palma: num(city.palma_nearest_min, 2),
  });
}

export function cityShare() {
  return city ? city[`share_within_${state.threshold}`] : null;
}

export async function loadCity() {
  const mine = ++generation;
  try {
    const data = await fetchJSON(withChoice(config.worstUrl, "&n=1"));
    if (mine !== generation) return;
    city = data.city || {};
  } catch (err) {
    if (mine !== generation) return;
    city = null;
  }
  showCity();
}
