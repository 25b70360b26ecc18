// The scenarios of every planner: the list, a new scenario (empty or from the planned sites of
// the registry), the one open (its id kept in the page's address as ?scenario=), and the choice
// of two scenarios to compare.
import { CSRF, T, W, choice, emit, on, setUrlState, store, urlState } from "./env.js";
import { api, el, esc, fill, forScenario, refusal, rows, withQuery } from "./util.js";

const ORIGINS = { manual: "originManual", siting: "originSiting", planned: "originPlanned" };

function showError(box, text) {
  el(box).textContent = text || "";
}

function itemFor(s) {
  const li = document.createElement("li");
  li.dataset.scenario = s.id;
  const open = store.current && store.current.id === s.id;
  li.classList.toggle("chosen", Boolean(open));
  const badge = s.is_illustrative
    ? ` <span class="illustrative" title="${esc(T.illustrativeTitle)}">${esc(T.illustrative)}</span>`
    : "";
  const origin = T[ORIGINS[s.origin]] || s.origin;
  const count = (s.edits || []).length;
  li.innerHTML = `<button type="button" class="ws-scenario-open" aria-pressed="${open ? "true" : "false"}">
      <span class="ws-scenario-title">${esc(s.name)}</span>${badge}
      <span class="ws-scenario-facts">${esc(fill(T.owner, { owner: s.owner }))} · ${esc(origin)} · ${esc(T.editsTitle)}: ${count}</span>
    </button>`;
  li.querySelector("button").addEventListener("click", () => {
    if (open) closeScenario();
    else openScenario(s.id);
  });
  return li;
}

function renderList() {
  const list = el("ws-scenario-list");
  if (!store.scenarios.length) {
    list.innerHTML = `<li class="desc">${esc(T.noScenarios)}</li>`;
  } else {
    list.replaceChildren(...store.scenarios.map(itemFor));
  }
  renderComparePicker();
}

export async function loadScenarios() {
  const answer = await api(W.scenariosUrl);
  if (!answer.ok) {
    showError("ws-scenarios-error", refusal(answer, T.loadError));
    return;
  }
  showError("ws-scenarios-error", "");
  store.scenarios = rows(answer.data);
  renderList();
}

function renderHeader(s) {
  el("ws-scenario").hidden = false;
  el("ws-scenario-name").textContent = s.name;
  const origin = T[ORIGINS[s.origin]] || s.origin;
  const badge = s.is_illustrative ? `<span class="illustrative">${esc(T.illustrative)}</span> ` : "";
  el("ws-scenario-meta").innerHTML = `${badge}${esc(fill(T.owner, { owner: s.owner }))} · ${esc(origin)}` +
    (s.description ? `<br>${esc(s.description)}` : "");
  const readOnly = el("ws-read-only");
  readOnly.hidden = store.canEdit;
  readOnly.textContent = store.canEdit ? "" : fill(T.readOnly, { owner: s.owner });
  el("ws-edit-tools").hidden = !store.canEdit;
  let remove = el("ws-scenario-delete");
  if (store.canEdit && !remove) {
    remove = document.createElement("button");
    remove.type = "button";
    remove.id = "ws-scenario-delete";
    remove.className = "ws-secondary ws-danger";
    remove.textContent = T.deleteScenario;
    remove.addEventListener("click", deleteScenario);
    el("ws-scenario-exports").after(remove);
  }
  if (remove) remove.hidden = !store.canEdit;
}

// Open a scenario: its edits, results and markers follow (the "scenario" event).
export async function openScenario(id, { focus = true } = {}) {
  const answer = await api(forScenario(W.scenarioUrl, id));
  if (!answer.ok) {
    showError("ws-scenarios-error", refusal(answer, T.loadError));
    if (store.current === null) setUrlState({ scenario: null });
    return false;
  }
  showError("ws-scenarios-error", "");
  const s = answer.data;
  store.current = s;
  // The server says whether this account may change it (its owner, or an admin).
  store.canEdit = Boolean(s.can_change);
  const known = store.scenarios.findIndex((x) => x.id === s.id);
  if (known === -1) store.scenarios.unshift(s);
  else store.scenarios[known] = s;
  setUrlState({ scenario: s.id });
  renderList();
  renderHeader(s);
  emit("scenario", s);
  if (focus) el("ws-scenario").focus({ preventScroll: false });
  return true;
}

// The open scenario again, after one of its edits changed.
export async function refreshScenario() {
  if (!store.current) return;
  await openScenario(store.current.id, { focus: false });
}

export function closeScenario() {
  store.current = null;
  store.canEdit = false;
  setUrlState({ scenario: null });
  el("ws-scenario").hidden = true;
  renderList();
  emit("scenario", null);
}

async function deleteScenario() {
  const s = store.current;
  if (!s || !window.confirm(fill(T.confirmDelete, { name: s.name }))) return;
  const answer = await api(forScenario(W.scenarioUrl, s.id), { method: "DELETE", csrf: CSRF });
  if (!answer.ok) {
    showError("ws-edit-error", refusal(answer, T.loadError));
    return;
  }
  store.scenarios = store.scenarios.filter((x) => x.id !== s.id);
  closeScenario();
}

async function create(event) {
  event.preventDefault();
  const name = el("ws-new-name").value.trim();
  const answer = await api(W.scenariosUrl, { method: "POST", body: { name }, csrf: CSRF });
  if (!answer.ok) {
    showError("ws-scenarios-error", refusal(answer, T.loadError));
    el("ws-new-name").focus();
    return;
  }
  el("ws-new-name").value = "";
  await openScenario(answer.data.id);
}

async function fromPlanned() {
  const button = el("ws-from-planned");
  button.disabled = true;
  const answer = await api(W.plannedUrl, { method: "POST", body: {}, csrf: CSRF });
  button.disabled = false;
  if (!answer.ok) {
    showError("ws-scenarios-error", refusal(answer, T.loadError));
    return;
  }
  await openScenario(answer.data.id);
}

// Whether the planner chose the scenarios to compare: until then A follows the open scenario.
let compareChosen = false;

// Two scenarios to compare: A defaults to the open one, B to another.
function renderComparePicker() {
  const a = el("ws-compare-a");
  const b = el("ws-compare-b");
  const keep = [compareChosen ? a.value : "", b.value];
  [a, b].forEach((select) => {
    select.replaceChildren(new Option("–", ""));
    store.scenarios.forEach((s) => select.add(new Option(`${s.name} (${s.owner})`, String(s.id))));
  });
  const ids = store.scenarios.map((s) => String(s.id));
  const current = store.current ? String(store.current.id) : null;
  a.value = ids.includes(keep[0]) ? keep[0] : current || ids[0] || "";
  b.value = ids.includes(keep[1]) && keep[1] !== a.value ? keep[1] : ids.find((id) => id !== a.value) || "";
  updateCompareLink();
}

export function updateCompareLink() {
  const a = el("ws-compare-a").value;
  const b = el("ws-compare-b").value;
  const link = el("ws-compare-link");
  const ready = a && b && a !== b;
  const { category, profile } = choice();
  link.href = ready ? withQuery(W.comparePageUrl, { a, b, profile, category }) : "#";
  link.setAttribute("aria-disabled", ready ? "false" : "true");
  el("ws-compare-note").textContent = ready ? "" : T.compareChoose;
}

export function setupScenarios() {
  el("ws-new-scenario").addEventListener("submit", create);
  el("ws-from-planned").addEventListener("click", fromPlanned);
  el("ws-scenario-close").addEventListener("click", closeScenario);
  ["ws-compare-a", "ws-compare-b"].forEach((id) =>
    el(id).addEventListener("change", () => {
      compareChosen = true;
      updateCompareLink();
    }),
  );
  el("ws-compare-link").addEventListener("click", (e) => {
    if (el("ws-compare-link").getAttribute("aria-disabled") === "true") e.preventDefault();
  });
  on("choice", updateCompareLink);
  on("open", (id) => loadScenarios().then(() => openScenario(id)));
  return loadScenarios().then(() => {
    const wanted = urlState("scenario");
    if (wanted && /^\d+$/.test(wanted)) return openScenario(Number(wanted), { focus: false });
    return null;
  });
}
