// The worst-gap list: zones ranked by the gap in people (need-weighted residents beyond T
// minutes), ties shown as ties ("=3"), each opening the zone panel.
import { esc, fetchJSON } from "./layers.js";
import { L10N, config, fill, fmtMin, int, pct, withChoice } from "./context.js";
import { openZone } from "./zonepanel.js";

// "=3" when another zone shares rank 3; the server says so, older answers are labelled here.
function rankLabel(z, zones) {
  if (z.rank_label != null) return String(z.rank_label);
  const rank = z.gap_rank ?? z.rank;
  const tied = z.gap_tied ?? zones.filter((o) => (o.gap_rank ?? o.rank) === rank).length > 1;
  return `${tied ? "=" : ""}${rank}`;
}

function entry(z, zones, t) {
  const li = document.createElement("li");
  const label = rankLabel(z, zones);
  li.dataset.zone = z.code;
  li.dataset.rank = label;
  li.innerHTML = `<button type="button" class="worst-entry" data-zone="${esc(z.code)}">
    <span class="rank" title="${esc(L10N.rank)}">${esc(label)}</span>
    <span class="what"><strong>${esc(z.code)} ${esc(z.name)}</strong>
    <span class="facts">${esc(L10N.residentsIn)} ${int(z.population)} · ${int(z.residents_beyond)} ${esc(fill(L10N.residentsBeyond, { t }))} ·
      ${esc(L10N.meanMin)} ${esc(fmtMin(z.mean_min))}</span>
    <span class="gap" title="${esc(fill(L10N.gapPeopleUnit, { t }))}">${esc(L10N.gapPeople)}: <strong>${int(z.gap_people)}</strong> ${esc(L10N.people)}
      <span class="intensity">(${esc(L10N.intensity)} ${z.gap == null ? "–" : Number(z.gap).toFixed(2)})</span></span></span>
  </button>`;
  li.querySelector("button").addEventListener("click", () => openZone(z.code, { zoom: true }));
  return li;
}

let generation = 0;

export async function loadWorst() {
  const mine = ++generation;
  const list = document.getElementById("worst-list");
  try {
    const data = await fetchJSON(withChoice(config.worstUrl, "&n=10"));
    if (mine !== generation) return;
    const c = data.city || {};
    const num = (v, d = 2) => (v == null ? "–" : Number(v).toFixed(d));
    document.getElementById("equity").textContent =
      `${L10N.cityMean} ${num(c.mean_min, 1)} min · ${L10N.within15} ${pct(c.share_within_15)} · ` +
      `Gini ${num(c.gini_nearest_min)} · Palma ${num(c.palma_nearest_min)}`;
    const t = data.threshold_min ?? 15;
    list.replaceChildren(...data.zones.map((z) => entry(z, data.zones, t)));
  } catch (err) {
    if (mine !== generation) return;
    list.innerHTML = `<li>${esc(L10N.noRun)}</li>`;
  }
}
