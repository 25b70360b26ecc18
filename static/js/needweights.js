// Need weights for the chosen category: one slider per need indicator, starting from the
// category's saved profile. Moving one recomputes need, percentile, gap in people and ranks in
// the browser (needcalc.js) and re-orders the gap table at once; "Reset" goes back to the saved
// profile; "Save" stores the weights as the category's profile (a recompute follows).
import { fetchJSON } from "./layers.js";
import { L10N, categoryName, config, state } from "./context.js";
import { api, esc, fill, refusal } from "./plan/util.js";
import { rankZones } from "./needcalc.js";
import { clearRows, showRows } from "./gaptable.js";

const box = document.getElementById("weights");
const title = document.getElementById("weights-title");
const status = document.getElementById("weights-status");
const resetButton = document.getElementById("weights-reset");
const saveButton = document.getElementById("weights-save");

const MAX = 3;
let answer = null;
let saved = {};
let weights = {};
let generation = 0;

function categoryUrl() {
  return config.needProfileUrl.replace("CODE", encodeURIComponent(state.category));
}

function profileUrl() {
  return `${categoryUrl()}?profile=${encodeURIComponent(state.profile)}`;
}

function same(a, b) {
  const codes = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...codes].every((c) => (a[c] || 0) === (b[c] || 0));
}

// Recompute and re-order: synchronous, so the table is new when the slider's event returns.
export function rerank() {
  if (!answer) return;
  showRows(rankZones(answer, weights, state.threshold));
}

function sliderRow(indicator) {
  const id = `weight-${indicator.code}`;
  const direction = indicator.higher_means_more_need ? L10N.higherMore : L10N.lowerMore;
  const value = Math.min(weights[indicator.code] || 0, MAX);
  const row = document.createElement("div");
  row.className = "weight";
  const year = indicator.year ? ` (${indicator.year})` : "";
  row.innerHTML = `<label for="${esc(id)}">${esc(indicator.name)}${esc(year)} <span class="direction">(${esc(direction)})</span>
      <span class="geography">${esc(indicator.geography || "")}</span></label>
    <span class="weight-control"><input type="range" id="${esc(id)}" min="0" max="${MAX}" step="0.5"
      value="${value}" data-code="${esc(indicator.code)}" aria-describedby="${esc(id)}-value">
    <output id="${esc(id)}-value" for="${esc(id)}">${esc(weights[indicator.code] || 0)}</output></span>`;
  return row;
}

function drawSliders() {
  title.textContent = fill(L10N.weightsTitle, { category: categoryName(state.category) });
  saveButton.textContent = fill(L10N.saveAs, { category: categoryName(state.category) });
  box.replaceChildren(...answer.indicators.map(sliderRow));
}

function showStatus(text, kind = "") {
  status.textContent = text;
  status.className = `desc weights-status ${kind}`.trim();
}

function updateButtons() {
  const changed = !same(weights, saved);
  const any = Object.values(weights).some((w) => w > 0);
  resetButton.disabled = !changed;
  saveButton.disabled = !changed || !any;
  if (!any) showStatus(L10N.noWeights, "error");
  else if (changed) showStatus(L10N.unsaved);
  else if (status.classList.contains("error") || status.textContent === L10N.unsaved) showStatus("");
}

function onInput(e) {
  const input = e.target.closest("input[type=range]");
  if (!input) return;
  weights = { ...weights, [input.dataset.code]: Number(input.value) };
  input.nextElementSibling.textContent = input.value;
  rerank();
  updateButtons();
}

function reset() {
  weights = { ...saved };
  drawSliders();
  rerank();
  updateButtons();
  showStatus("");
}

async function save() {
  saveButton.disabled = true;
  const answer = await api(categoryUrl(), { method: "PUT", body: { weights: { ...weights } }, csrf: config.csrfToken });
  if (!answer.ok || !answer.data?.indicators) {
    // The server's sentences however nested ({weights: {code: "..."}}), else why it failed.
    const why = answer.status === 0 ? String(answer.error?.message || answer.error) : `HTTP ${answer.status}`;
    showStatus(fill(L10N.saveFailed, { reason: refusal(answer, why) }), "error");
    updateButtons();
    return;
  }
  saved = Object.fromEntries(answer.data.indicators.map((i) => [i.code, i.weight]));
  weights = { ...saved };
  updateButtons();
  showStatus(L10N.saved, "saved");
}

// The category's answer for the chosen walking speed. The weights being tried are kept when only
// the speed changed; a new category starts from its own saved profile.
export async function loadNeedProfile() {
  const mine = ++generation;
  let data;
  try {
    data = await fetchJSON(profileUrl());
  } catch (err) {
    if (mine !== generation) return;
    answer = null;
    box.replaceChildren();
    clearRows(L10N.noRun);
    return;
  }
  if (mine !== generation) return;
  const sameCategory = answer && answer.category === data.category;
  answer = data;
  saved = Object.fromEntries(data.indicators.map((i) => [i.code, i.weight]));
  if (!sameCategory) {
    weights = { ...saved };
    showStatus("");
  }
  drawSliders();
  rerank();
  updateButtons();
}

export function setupNeedWeights() {
  box.addEventListener("input", onInput);
  resetButton.addEventListener("click", reset);
  saveButton.addEventListener("click", save);
}

export function currentWeights() {
  return { ...weights };
}
