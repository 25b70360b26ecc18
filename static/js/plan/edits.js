// The open scenario's edits: placing a new site (a click on the map, or its coordinates typed),
// moving a site (chosen in its popup, then a click where it would go), the list of edits with
// their remove buttons, and the scenario drawn on the map: proposed and moved sites with their
// own markers, labelled as not real, closed sites crossed out.
import { CSRF, T, W, categoryColor, categoryName, choice, map, on, store, whenMapReady } from "./env.js";
import { api, el, esc, fill, forScenario, num, refusal } from "./util.js";
import { refreshScenario } from "./scenarios.js";
import { isochroneButton } from "./isochrones.js";
import { crossedMarker, editColor, proposedIcon, proposedMarker } from "./edit-markers.js";

const drawn = L.layerGroup().addTo(map);
const pending = L.layerGroup().addTo(map);
let placing = false;
let moving = null; // {site, name}

// The published site's marker on the map page, by its id.
export function siteMarker(id) {
  let found = null;
  window.geoplan.layers?.sites?.eachLayer((layer) => {
    const f = layer.feature;
    if (f && String(f.id ?? f.properties.id) === String(id)) found = layer;
  });
  return found;
}

// Send one edit; the scenario, its list and its results are fetched again once it is saved.
// Answers null when saved, else the server's sentence.
export async function postEdit(edit) {
  if (!store.current) return T.loadError;
  const answer = await api(forScenario(W.editsUrl, store.current.id), { method: "POST", body: edit, csrf: CSRF });
  if (!answer.ok) return refusal(answer, T.loadError);
  await refreshScenario();
  return null;
}

async function removeEdit(edit, index) {
  const url = forScenario(W.editUrl, store.current.id).replace("EDIT", encodeURIComponent(edit.id));
  const answer = await api(url, { method: "DELETE", csrf: CSRF });
  if (!answer.ok) {
    el("ws-edit-error").textContent = refusal(answer, T.loadError);
    el("ws-edits").querySelectorAll("button")[index]?.focus();
    return;
  }
  el("ws-edit-error").textContent = "";
  await refreshScenario();
  el("ws-edits").querySelector("button")?.focus();
}

function siteLabel(edit) {
  return edit.site_name || `#${edit.site}`;
}

export function describeEdit(edit) {
  switch (edit.kind) {
    case "add": {
      const extra = [edit.name, edit.capacity != null ? `${T.capacity} ${num(edit.capacity)}` : "", edit.hours]
        .filter(Boolean)
        .join(" · ");
      return fill(T.editAdd, { category: categoryName(edit.category) }) + (extra ? ` (${extra})` : "");
    }
    case "close":
      return fill(T.editClose, { site: siteLabel(edit) });
    case "move":
      return fill(T.editMove, { site: siteLabel(edit) });
    case "capacity":
      return fill(T.editCapacity, {
        site: siteLabel(edit),
        category: categoryName(edit.category),
        capacity: num(edit.capacity),
      });
    default:
      return edit.kind;
  }
}

function renderEdits(s) {
  const list = el("ws-edits");
  const edits = s ? s.edits || [] : [];
  if (!edits.length) {
    list.innerHTML = `<li class="desc ws-empty">${esc(T.noEdits)}</li>`;
    return;
  }
  list.replaceChildren(
    ...edits.map((edit, i) => {
      const li = document.createElement("li");
      li.dataset.kind = edit.kind;
      li.dataset.edit = edit.id;
      li.innerHTML = `<span class="ws-edit-text">${esc(describeEdit(edit))}</span>`;
      if (store.canEdit) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "remove";
        button.textContent = T.remove;
        button.setAttribute("aria-label", fill(T.removeEdit, { n: i + 1 }));
        button.addEventListener("click", () => removeEdit(edit, i));
        li.appendChild(button);
      }
      return li;
    }),
  );
}

// The popup of a proposed or moved site: what it is, its walking areas, and its removal.
function proposedPopup(edit, index) {
  const box = document.createElement("div");
  box.className = "ws-proposed-popup";
  box.innerHTML = `<div class="illustrative">${esc(T.proposed)}</div><strong>${esc(describeEdit(edit))}</strong>
    <p class="desc">${esc(fill(T.inScenario, { name: store.current.name }))}</p>`;
  box.appendChild(isochroneButton({ lon: edit.lon, lat: edit.lat }, describeEdit(edit)));
  if (store.canEdit) {
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = fill(T.removeEdit, { n: index + 1 });
    remove.addEventListener("click", () => {
      map.closePopup();
      removeEdit(edit, index);
    });
    box.appendChild(remove);
  }
  return box;
}

function drawScenario(s) {
  drawn.clearLayers();
  if (!s) return;
  (s.edits || []).forEach((edit, i) => {
    const marker = edit.site != null ? siteMarker(edit.site) : null;
    if (edit.kind === "add" || edit.kind === "move") {
      const title = `${T.proposed}: ${describeEdit(edit)}`;
      proposedMarker(edit, editColor(edit, categoryColor), T.proposed, title, { pane: "ws-proposed" })
        .bindPopup(() => proposedPopup(edit, i))
        .addTo(drawn);
      if (edit.kind === "move" && marker) {
        L.polyline([marker.getLatLng(), [edit.lat, edit.lon]], {
          pane: "ws-proposed",
          className: "ws-move-line",
          color: "#333",
          weight: 2,
          dashArray: "4 4",
          interactive: false,
        }).addTo(drawn);
      }
    }
    if ((edit.kind === "close" || edit.kind === "move") && marker) {
      const label = edit.kind === "close" ? T.closedSite : T.movedFrom;
      crossedMarker(marker.getLatLng(), edit.kind, `${label}: ${siteLabel(edit)}`, { pane: "ws-proposed" }).addTo(drawn);
    }
  });
}

// ---- Placing a new site ----

function setPoint(lat, lon) {
  el("ws-add-lat").value = lat.toFixed(5);
  el("ws-add-lon").value = lon.toFixed(5);
  drawPending();
}

function drawPending() {
  pending.clearLayers();
  const lat = Number(el("ws-add-lat").value);
  const lon = Number(el("ws-add-lon").value);
  if (!placing || !Number.isFinite(lat) || !Number.isFinite(lon) || !lat || !lon) return;
  L.marker([lat, lon], {
    pane: "ws-proposed",
    icon: proposedIcon(categoryColor(el("ws-add-category").value), "?"),
    title: T.proposed,
    interactive: false,
  }).addTo(pending);
}

export function setPlacing(on) {
  placing = on;
  if (on) stopMoving();
  // The what-if's own placing would take the same clicks.
  const whatIf = el("whatif-start");
  if (on && whatIf?.getAttribute("aria-pressed") === "true") whatIf.click();
  const button = el("ws-place");
  button.textContent = on ? T.placeStop : T.placeStart;
  button.setAttribute("aria-pressed", String(on));
  el("map").classList.toggle("placing", on || Boolean(moving));
  el("ws-add-form").hidden = !on;
  el("ws-add-error").textContent = "";
  el("ws-place-hint").textContent = on ? T.placeHint : "";
  if (on) {
    el("ws-add-category").value = choice().category;
    if (!el("ws-add-lat").value) {
      const centre = map.getCenter();
      setPoint(centre.lat, centre.lng);
    }
    drawPending();
  } else {
    pending.clearLayers();
  }
}

async function submitAdd(event) {
  event.preventDefault();
  const value = (id) => el(id).value.trim();
  const edit = {
    kind: "add",
    category: value("ws-add-category"),
    lon: Number(value("ws-add-lon")),
    lat: Number(value("ws-add-lat")),
  };
  if (value("ws-add-capacity") !== "") edit.capacity = Number(value("ws-add-capacity"));
  if (value("ws-add-hours")) edit.hours = value("ws-add-hours");
  if (value("ws-add-name")) edit.name = value("ws-add-name");
  const submit = el("ws-add-submit");
  submit.disabled = true;
  el("ws-add-error").textContent = "";
  const error = await postEdit(edit);
  submit.disabled = false;
  if (error) {
    el("ws-add-error").textContent = error;
    return;
  }
  // Ready for the next site: same category, a new place.
  ["ws-add-capacity", "ws-add-hours", "ws-add-name", "ws-add-lat", "ws-add-lon"].forEach((id) => (el(id).value = ""));
  pending.clearLayers();
  el("ws-place-hint").textContent = T.placeHint;
}

// ---- Moving a site ----

export function startMoving(site) {
  setPlacing(false);
  moving = site;
  el("map").classList.add("placing");
  const hint = el("ws-place-hint");
  hint.innerHTML = `${esc(fill(T.moveHint, { name: site.name }))} `;
  const centre = document.createElement("button");
  centre.type = "button";
  centre.textContent = T.moveToCentre;
  centre.addEventListener("click", () => moveTo(map.getCenter()));
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "ws-secondary";
  cancel.textContent = T.cancel;
  cancel.addEventListener("click", stopMoving);
  hint.append(centre, " ", cancel);
  el("ws-scenario").scrollIntoView({ block: "nearest" });
}

function stopMoving() {
  if (!moving) return;
  moving = null;
  el("ws-place-hint").textContent = "";
  el("map").classList.toggle("placing", placing);
}

async function moveTo(latlng) {
  const site = moving;
  stopMoving();
  const error = await postEdit({ kind: "move", site: site.id, lon: latlng.lng, lat: latlng.lat });
  el("ws-edit-error").textContent = error || "";
}

export function setupEdits() {
  const select = el("ws-add-category");
  (W.categories || []).forEach((c) => select.add(new Option(c.name, c.code)));
  el("ws-place").addEventListener("click", () => setPlacing(!placing));
  el("ws-add-form").addEventListener("submit", submitAdd);
  el("ws-add-cancel").addEventListener("click", () => setPlacing(false));
  ["ws-add-lat", "ws-add-lon", "ws-add-category"].forEach((id) => el(id).addEventListener("change", drawPending));
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    if (moving) stopMoving();
    else if (placing) setPlacing(false);
  });
  // "preclick" reaches the map before a zone or marker under the pointer opens its popup.
  map.on("preclick", (e) => {
    if (!placing && !moving) return;
    const closer = () => map.closePopup();
    map.once("popupopen", closer);
    setTimeout(() => map.off("popupopen", closer), 0);
    if (moving) moveTo(e.latlng);
    else setPoint(e.latlng.lat, e.latlng.lng);
  });
  on("scenario", (s) => {
    if (!s || !store.canEdit) {
      setPlacing(false);
      stopMoving();
    }
    el("ws-edit-error").textContent = "";
    renderEdits(s);
    drawScenario(s);
  });
  // The sites layer may arrive after the scenario: the closed and moved sites are drawn again.
  whenMapReady().then(() => drawScenario(store.current));
}
