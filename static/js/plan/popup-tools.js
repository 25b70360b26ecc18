// Buttons added to a published site's popup: its walking areas always; with a scenario open
// that this planner may change, close this site, move it, change a capacity. Each refusal of
// the server is shown in the popup, beside the buttons.
import { T, categoryName, map, store } from "./env.js";
import { esc, fill } from "./util.js";
import { postEdit, startMoving } from "./edits.js";
import { isochroneButton } from "./isochrones.js";

// The popup's own content (the map page's HTML), kept to be rebuilt on each opening.
const originals = new WeakMap();

function siteOf(layer) {
  const f = layer && layer.feature;
  if (!f || !f.properties || !Array.isArray(f.properties.services) || typeof layer.getLatLng !== "function") return null;
  return { id: f.id ?? f.properties.id, name: f.properties.name, services: f.properties.services };
}

function button(text, className, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = className;
  b.textContent = text;
  b.addEventListener("click", onClick);
  return b;
}

function capacityForm(site, error) {
  const form = document.createElement("form");
  form.className = "ws-capacity-form";
  form.noValidate = true;
  const id = `ws-cap-${site.id}`;
  const services = site.services.filter((s) => s.category);
  const categories = [...new Set(services.map((s) => s.category))];
  const options = categories.map((c) => `<option value="${esc(c)}">${esc(categoryName(c))}</option>`).join("");
  const first = services[0] || {};
  form.innerHTML = `
    <label for="${id}-category">${esc(T.category)}</label>
    <select id="${id}-category" name="category">${options}</select>
    <label for="${id}-capacity">${esc(fill(T.newCapacity, { category: categoryName(first.category) }))}</label>
    <input id="${id}-capacity" name="capacity" type="number" min="0" step="1" inputmode="numeric"
      value="${first.capacity ?? ""}">
    <button type="submit">${esc(T.setCapacity)}</button>`;
  const select = form.querySelector("select");
  const input = form.querySelector("input");
  select.addEventListener("change", () => {
    const s = services.find((x) => x.category === select.value);
    input.value = s?.capacity ?? "";
    form.querySelector(`label[for="${id}-capacity"]`).textContent = fill(T.newCapacity, {
      category: categoryName(select.value),
    });
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    const raw = input.value.trim();
    const said = await postEdit({
      kind: "capacity",
      site: site.id,
      category: select.value,
      capacity: raw === "" ? null : Number(raw),
    });
    if (said) error.textContent = said;
    else map.closePopup();
  });
  return form;
}

function tools(site, popup) {
  const box = document.createElement("div");
  box.className = "ws-popup-tools";
  box.dataset.site = site.id;
  box.appendChild(isochroneButton({ site: site.id }, site.name));
  if (!store.current || !store.canEdit) return box;
  const error = document.createElement("p");
  error.className = "ws-error";
  error.setAttribute("role", "alert");
  const heading = document.createElement("p");
  heading.className = "ws-popup-scenario";
  heading.textContent = fill(T.inScenario, { name: store.current.name });
  const closing = button(T.closeSite, "ws-close-site", async () => {
    closing.disabled = true;
    error.textContent = "";
    const said = await postEdit({ kind: "close", site: site.id });
    closing.disabled = false;
    if (said) error.textContent = said;
    else map.closePopup();
  });
  const moving = button(T.moveSite, "ws-move-site", () => {
    popup.close();
    startMoving(site);
  });
  const details = document.createElement("details");
  details.className = "ws-capacity";
  details.innerHTML = `<summary>${esc(T.changeCapacity)}</summary>`;
  details.appendChild(capacityForm(site, error));
  box.append(heading, closing, moving, details, error);
  return box;
}

export function setupPopupTools() {
  map.on("popupopen", (e) => {
    const popup = e.popup;
    const site = siteOf(popup._source);
    if (!site || site.id == null) return;
    if (!originals.has(popup)) originals.set(popup, popup.getContent());
    const original = originals.get(popup);
    const content = document.createElement("div");
    if (typeof original === "string") content.innerHTML = original;
    else if (original instanceof Node) content.appendChild(original.cloneNode(true));
    content.appendChild(tools(site, popup));
    // Setting the content lays the popup out again, to its new height.
    popup.setContent(content);
  });
}
