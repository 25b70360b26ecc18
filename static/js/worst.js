// The city's summary above the gap table: mean walk, residents within the threshold, Gini and
// Palma of walking minutes, from the run (/api/access/worst/, whose city figures it carries).
import { fetchJSON } from "./layers.js";
import { L10N, config, fill, num, pct, state, withChoice } from "./context.js";

let generation = 0;
let city = null;

export function showCity() {
  const box = document.getElementById("equity");
  if (!city) {
    box.textContent = L10N.noRun;
    return;
  }
  box.textContent =
    `${L10N.cityMean} ${num(city.mean_min, 1)} min · ${fill(L10N.withinT, { t: state.threshold })} ` +
    `${pct(city[`share_within_${state.threshold}`])} · ` +
    `Gini ${num(city.gini_nearest_min, 2)} · Palma ${num(city.palma_nearest_min, 2)}`;
}

export function cityShare() {
  return city ? city[`share_within_${state.threshold}`] : null;
}

export async function loadWorst() {
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
