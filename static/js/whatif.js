// What-if: each click on the map proposes a site of the chosen category; the server answers all
// the proposals together (a bounded search around them, nothing saved): residents newly within
// 15 minutes, zones gaining, zones only brought closer, overall and per category.
import { L10N, categoryName, config, fmtMin, int, map, state } from "./context.js";
import { api, esc, fill, num, sentences } from "./plan/util.js";

const MAX_PROPOSALS = 20;
const proposals = []; // {lon, lat, category, confirmed}
const markers = L.layerGroup().addTo(map);
let placing = false;
let generation = 0;

const el = (id) => document.getElementById(id);

function setPlacing(on) {
  placing = on;
  const start = el("whatif-start");
  start.textContent = on ? L10N.placeStop : L10N.placeStart;
  start.setAttribute("aria-pressed", String(on));
  el("map").classList.toggle("placing", on);
  if (on) el("whatif-status").textContent = L10N.whatIfHint;
}

function drawProposals() {
  markers.clearLayers();
  const list = el("whatif-proposals");
  list.replaceChildren();
  proposals.forEach((p, i) => {
    L.circleMarker([p.lat, p.lon], {
      pane: "proposals",
      className: "proposed-marker",
      radius: 9,
      color: "#000",
      dashArray: "2 3",
      fillColor: "#fff",
      fillOpacity: 0.9,
    })
      .bindTooltip(esc(`${L10N.proposed}: ${categoryName(p.category)}`))
      .addTo(markers);
    const li = document.createElement("li");
    li.innerHTML = `${esc(L10N.proposal)} ${i + 1}: ${esc(categoryName(p.category))}
      <span class="source">(${p.lat.toFixed(4)}, ${p.lon.toFixed(4)})</span>
      <button type="button" class="remove" aria-label="${esc(L10N.remove)} ${i + 1}">${esc(L10N.remove)}</button>`;
    li.querySelector("button").addEventListener("click", () => {
      proposals.splice(i, 1);
      compute();
    });
    list.appendChild(li);
  });
  el("whatif-clear").hidden = proposals.length === 0;
}

function clearAnswer() {
  el("whatif-totals").replaceChildren();
  el("whatif-list").replaceChildren();
  el("whatif-closer").replaceChildren();
  el("whatif-gains-title").hidden = true;
  el("whatif-closer-title").hidden = true;
}

function minutesChange(z) {
  if (!z.reachable_before) return fill(L10N.fromUnreachable, { min: num(z.mean_min_after, 1) });
  return `${fmtMin(z.mean_min_before)} → ${fmtMin(z.mean_min_after)} (${fill(L10N.minutes, { n: num(z.delta_mean_min, 1) })})`;
}

function zoneItem(z, several) {
  const li = document.createElement("li");
  li.dataset.zone = z.zone;
  const category = several ? ` <span class="source">${esc(categoryName(z.category))}</span>` : "";
  const people =
    z.gap_people_before != null
      ? `, ${esc(L10N.gapPeople)} ${int(z.gap_people_before)} → ${int(z.gap_people_after)} ${esc(L10N.people)}`
      : "";
  const rank =
    z.gap_rank_before != null ? `${people}, ${esc(L10N.rankChange)} ${z.gap_rank_before} → ${z.gap_rank_after ?? "–"}` : people;
  li.innerHTML =
    z.effect === "gains"
      ? `<strong>${esc(z.zone)} ${esc(z.zone_name)}</strong>${category}: +${int(z.newly_within_15)} ${esc(L10N.newlyWithin)}, ${esc(minutesChange(z))}${rank}`
      : `<strong>${esc(z.zone)} ${esc(z.zone_name)}</strong>${category}: ${esc(minutesChange(z))}`;
  return li;
}

function totalsLine(t) {
  return `<strong>+${int(t.newly_within_15)}</strong> ${esc(L10N.newlyWithin)} ·
    <strong>${t.zones_gaining}</strong> ${esc(L10N.zonesGaining)} ·
    <strong>${t.zones_closer_only}</strong> ${esc(L10N.zonesCloser)}`;
}

function drawAnswer(data) {
  clearAnswer();
  const t = data.totals;
  const several = t.by_category.length > 1;
  const box = el("whatif-totals");
  box.innerHTML = `<p class="total">${totalsLine(t)}</p>`;
  if (several) {
    const ul = document.createElement("ul");
    ul.className = "by-category";
    t.by_category.forEach((c) => {
      const li = document.createElement("li");
      li.dataset.category = c.category;
      li.innerHTML = `${esc(c.category_name)}: ${totalsLine(c)}`;
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }
  const gains = data.zones.filter((z) => z.effect === "gains");
  const closer = data.zones.filter((z) => z.effect === "closer");
  el("whatif-status").textContent = gains.length ? "" : L10N.whatIfNone;
  el("whatif-gains-title").hidden = !gains.length;
  el("whatif-closer-title").hidden = !closer.length;
  el("whatif-list").replaceChildren(...gains.map((z) => zoneItem(z, several)));
  el("whatif-closer").replaceChildren(...closer.map((z) => zoneItem(z, several)));
}

// Ask for the combined answer of every proposal; a refused request drops the proposals it added.
async function compute() {
  const mine = ++generation;
  drawProposals();
  if (!proposals.length) {
    clearAnswer();
    el("whatif-status").textContent = "";
    window.geoplan.whatif = null;
    return;
  }
  const sent = proposals.slice();
  el("whatif-status").textContent = L10N.whatIfWorking;
  const answer = await api(`${config.whatIfUrl}?profile=${encodeURIComponent(state.profile)}`, {
    method: "POST",
    body: { sites: sent.map(({ lon, lat, category }) => ({ lon, lat, category })) },
    csrf: config.csrfToken,
  });
  if (mine !== generation) return;
  const data = answer.data;
  // No answer at all (the network, or a page that is not JSON): nothing to say but that.
  if (answer.status === 0 || (!answer.ok && !sentences(data).length) || (answer.ok && !data)) {
    el("whatif-status").textContent = L10N.loadError;
    return;
  }
  if (!answer.ok) {
    sent.filter((p) => !p.confirmed).forEach((p) => proposals.splice(proposals.indexOf(p), 1));
    drawProposals();
    // The server's own sentences (outside Turin, unknown category, ...), without JSON syntax.
    el("whatif-status").textContent = sentences(data).join(" ");
    return;
  }
  sent.forEach((p) => (p.confirmed = true));
  window.geoplan.whatif = data;
  drawAnswer(data);
}

function clearAll() {
  proposals.length = 0;
  setPlacing(false);
  compute();
}

export function setupWhatIf() {
  el("whatif-start").addEventListener("click", () => setPlacing(!placing));
  el("whatif-clear").addEventListener("click", clearAll);
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && placing) setPlacing(false);
  });
  // "preclick" reaches the map before a zone or marker under the pointer opens its popup.
  map.on("preclick", (e) => {
    if (!placing) return;
    // The zone or marker under the pointer would open its popup in this same click: not now.
    const closer = () => map.closePopup();
    map.once("popupopen", closer);
    setTimeout(() => map.off("popupopen", closer), 0);
    if (proposals.length >= MAX_PROPOSALS) {
      el("whatif-status").textContent = L10N.whatIfTooMany;
      return;
    }
    proposals.push({ lon: e.latlng.lng, lat: e.latlng.lat, category: state.category, confirmed: false });
    compute();
  });
}

// A change of walking speed changes every answer; proposals keep the category they were made for.
export function onChoiceChanged() {
  if (proposals.length) compute();
}
