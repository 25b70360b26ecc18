// Optimal siting: the request form (POST /api/siting/, JSON or, with a file of candidate places,
// multipart), the job's progress bar (progress.js), then the answer: the chosen sites on the
// map, the coverage before and after beside the greedy's, the solver's status and gap in words,
// and the scenario saved with the answer.
import { watchJob } from "../progress.js";
import { CSRF, T, W, choice, emit, map, on } from "./env.js";
import { api, el, esc, fill, num, refusal } from "./util.js";
import { isochroneButton } from "./isochrones.js";
import { loadScenarios } from "./scenarios.js";
import { proposedIcon } from "./edit-markers.js";

const chosen = L.layerGroup().addTo(map);
let categoryTouched = false;

const FIGURES = [
  ["residents_covered_before", "sitingResidentsBefore"],
  ["residents_covered_after", "sitingResidentsAfter"],
  ["need_weighted_covered_before", "sitingNeedBefore"],
  ["need_weighted_covered_after", "sitingNeedAfter"],
];

// The solver's status in words. The gap is relative (0.012 = 1.2 %).
export function statusWords(result) {
  const gap = result.gap;
  const pct = gap == null ? null : num(gap * 100, gap * 100 < 1 ? 2 : 1);
  if (!(result.sites || []).length) return T.sitingNoSolution;
  // Set covering that cannot reach its share answers the best K sites; targetWords says the
  // share was missed, the status how sure the K sites are.
  if (result.status === "optimal" || result.status === "target_not_met") return T.sitingOptimal;
  if (result.status === "time_limit" || result.status === "target_not_met_time_limit") return pct == null ? T.sitingTimeLimit : fill(T.sitingWithin, { gap: pct });
  if (result.status === "greedy_fallback") return pct == null ? T.sitingFallback : fill(T.sitingFallbackWithin, { gap: pct });
  return result.status;
}

function targetWords(result) {
  if (result.model !== "setcover" || result.target_met == null) return "";
  const target = num(result.coverage_target, 1);
  return fill(result.target_met ? T.sitingTargetMet : T.sitingTargetMissed, { target, k: result.k });
}

function drawSites(result) {
  chosen.clearLayers();
  (result.sites || []).forEach((site, i) => {
    const label = fill(T.sitingSite, { n: i + 1 });
    const popup = () => {
      const box = document.createElement("div");
      box.innerHTML = `<div class="illustrative">${esc(T.proposed)}</div><strong>${esc(site.name || label)}</strong><br>
        ${esc(fill(T.sitingNewly, { residents: num(site.residents_newly_covered), need: num(site.need_weighted_newly_covered) }))}`;
      box.appendChild(isochroneButton({ lon: site.lon, lat: site.lat }, label));
      return box;
    };
    L.marker([site.lat, site.lon], { pane: "ws-proposed", icon: proposedIcon(null, String(i + 1), "ws-siting-icon"), title: `${T.proposed}: ${label}`, keyboard: true })
      .bindTooltip(esc(T.proposed))
      .bindPopup(popup)
      .addTo(chosen);
  });
  const points = (result.sites || []).map((s) => [s.lat, s.lon]);
  if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.3), { maxZoom: 14, animate: false });
}

function renderAnswer(result) {
  window.geoplan.siting = result;
  drawSites(result);
  const greedy = result.greedy || {};
  const figures = FIGURES.map(
    ([key, label]) => `<tr data-figure="${key}"><th scope="row">${esc(T[label])}</th>
      <td class="num">${esc(num(result[key]))}</td><td class="num">${esc(num(greedy[key]))}</td></tr>`,
  ).join("");
  const sites = (result.sites || [])
    .map(
      (s, i) => `<li>${esc(s.name || fill(T.sitingSite, { n: i + 1 }))} <span class="source">(${num(s.lat, 4)}, ${num(s.lon, 4)})</span>:
        ${esc(fill(T.sitingNewly, { residents: num(s.residents_newly_covered), need: num(s.need_weighted_newly_covered) }))}</li>`,
    )
    .join("");
  const unreachable = result.unreachable_need_weighted
    ? `<p class="desc">${esc(fill(T.sitingUnreachable, { n: num(result.unreachable_need_weighted) }))}</p>`
    : "";
  const box = el("ws-siting-answer");
  box.innerHTML = `<h4>${esc(T.sitingChosen)}</h4>
    <p class="ws-siting-status" data-status="${esc(result.status)}">${esc(statusWords(result))} ${esc(targetWords(result))}</p>
    <ol class="ws-siting-sites">${sites}</ol>
    <div class="table-scroll"><table class="ws-table ws-siting-figures"><thead><tr><th scope="col"></th>
      <th scope="col">${esc(T.sitingModel)}</th><th scope="col">${esc(T.sitingGreedy)}</th></tr></thead><tbody>${figures}</tbody></table></div>
    <p class="desc">${esc(fill(T.sitingCandidates, { n: num(result.candidates), seconds: num(result.seconds, 1) }))}</p>
    ${unreachable}`;
  if (result.scenario != null) {
    const link = document.createElement("a");
    link.id = "ws-siting-scenario";
    link.href = `?scenario=${encodeURIComponent(result.scenario)}`;
    link.textContent = T.sitingOpenScenario;
    link.addEventListener("click", (e) => {
      e.preventDefault();
      // The scenario draws the same sites as its own proposals.
      chosen.clearLayers();
      emit("open", result.scenario);
    });
    box.appendChild(link);
  }
  box.dataset.ready = "true";
}

function fields() {
  const value = (id) => el(id).value.trim();
  const out = {
    category: value("ws-siting-category"),
    k: Number(value("ws-siting-k")),
    threshold_min: Number(value("ws-siting-threshold")),
    profile: value("ws-siting-profile"),
    model: value("ws-siting-model"),
  };
  if (out.model === "setcover") out.coverage_target = Number(value("ws-siting-target"));
  return out;
}

async function submit(event) {
  event.preventDefault();
  const error = el("ws-siting-error");
  const button = el("ws-siting-submit");
  error.textContent = "";
  const body = fields();
  let payload = body;
  if (el("ws-siting-from-file").checked) {
    const file = el("ws-siting-file").files[0];
    if (!file) {
      error.textContent = T.sitingFileNone;
      el("ws-siting-file").focus();
      return;
    }
    payload = new FormData();
    Object.entries(body).forEach(([k, v]) => payload.append(k, String(v)));
    payload.append("candidates_file", file);
  } else {
    body.grid_spacing_m = Number(el("ws-siting-spacing").value);
  }
  button.disabled = true;
  const answerBox = el("ws-siting-answer");
  answerBox.replaceChildren();
  answerBox.dataset.ready = "false";
  chosen.clearLayers();
  const answer = await api(W.sitingUrl, { method: "POST", body: payload, csrf: CSRF });
  if (!answer.ok || !answer.data?.job) {
    button.disabled = false;
    error.textContent = refusal(answer, T.loadError);
    return;
  }
  const progress = el("ws-siting-progress");
  progress.hidden = false;
  const job = await watchJob(progress, answer.data.job.url);
  button.disabled = false;
  if (job && job.status === "succeeded" && job.result) {
    renderAnswer(job.result);
    // The answer is saved as a scenario: it joins the list and the choice of scenarios to compare.
    if (job.result.scenario != null) await loadScenarios();
  }
}

export function setupSiting() {
  const category = el("ws-siting-category");
  (W.categories || []).forEach((c) => category.add(new Option(c.name, c.code)));
  const now = choice();
  category.value = now.category;
  el("ws-siting-profile").value = now.profile;
  category.addEventListener("change", () => (categoryTouched = true));
  on("choice", (c) => {
    if (!categoryTouched) category.value = c.category;
  });
  const model = el("ws-siting-model");
  const targetRow = () => (el("ws-siting-target-row").hidden = model.value !== "setcover");
  model.addEventListener("change", targetRow);
  targetRow();
  el("ws-siting-file").addEventListener("change", () => (el("ws-siting-from-file").checked = true));
  el("ws-siting-spacing").addEventListener("input", () => (el("ws-siting-from-grid").checked = true));
  el("ws-siting-form").addEventListener("submit", submit);
}
