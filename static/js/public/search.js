// The search box (a combobox: suggestions from /api/geocode/ as one types, chosen with the
// arrows and Enter, or by tapping) and the "near me" button (the browser's geolocation).
import { L10N, byId, config, el, say } from "./dom.js";

const DELAY_MS = 250;
const MIN_CHARS = 2;

async function geocode(query, signal) {
  const response = await fetch(`${config.geocodeUrl}?${new URLSearchParams({ q: query })}`, {
    headers: { Accept: "application/json" },
    signal,
  });
  if (!response.ok) throw new Error(`geocode ${response.status}`);
  return response.json();
}

// Enter without choosing a suggestion: the place whose name is what was typed, else the first.
function bestMatch(places, query) {
  const typed = query.trim().toLocaleLowerCase();
  return places.find((p) => p.label.toLocaleLowerCase() === typed) || places[0];
}

export function setupSearch({ onPlace, onMessage }) {
  const form = byId("search");
  const input = byId("q");
  const list = byId("suggestions");
  const live = byId("suggestions-status");
  let places = [];
  let active = -1;
  let controller = null;
  let timer = null;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    active = index;
    list.querySelectorAll("[role=option]").forEach((option, i) => {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (index < 0) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    const option = byId(`suggestion-${index}`);
    input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  }

  function choose(index, options = {}) {
    const place = places[index];
    close();
    input.value = place.label;
    const chosen = {
      q: place.label,
      near: false,
      lon: place.lon,
      lat: place.lat,
      precision: place.precision,
      note: place.note,
      kind: place.kind,
    };
    return onPlace(chosen, options);
  }

  // What was typed, without a suggestion chosen: the best place found, if any.
  async function find(query, options = {}) {
    onMessage(say("searching"), "busy");
    let found;
    try {
      found = await geocode(query);
    } catch {
      onMessage(say("networkError"), "error");
      return;
    }
    if (!found.length) {
      onMessage(say("noPlace", { q: query }), "error");
      return;
    }
    places = found;
    return choose(found.indexOf(bestMatch(found, query)), options);
  }

  function show(found) {
    places = found;
    active = -1;
    list.replaceChildren(
      ...found.map((place, i) =>
        el(
          "li",
          {
            id: `suggestion-${i}`,
            role: "option",
            "aria-selected": "false",
            class: `suggestion kind-${place.kind}`,
            "data-kind": place.kind,
            // Keeps the focus in the box, so that a tap chooses instead of closing the list.
            onmousedown: (event) => event.preventDefault(),
            onclick: () => choose(i),
          },
          // Place and street names are Italian whatever the page's language.
          el("span", { class: "suggestion-label", lang: "it", dir: "auto" }, place.label),
          el(
            "span",
            { class: "suggestion-note" },
            `${L10N[`kind_${place.kind}`] || ""} · `,
            el("span", { lang: place.kind === "site" ? "it" : null }, place.note),
          ),
        ),
      ),
    );
    const any = found.length > 0;
    list.hidden = !any;
    input.setAttribute("aria-expanded", any ? "true" : "false");
    live.textContent = any ? say("suggestions", { n: found.length }) : "";
  }

  async function suggest() {
    const query = input.value.trim();
    if (controller) controller.abort();
    if (query.length < MIN_CHARS) {
      show([]);
      return;
    }
    controller = new AbortController();
    try {
      const found = await geocode(query, controller.signal);
      if (input.value.trim() === query && document.activeElement === input) show(found);
    } catch (error) {
      // A suggestion that fails is not worth an error: searching says what went wrong.
      if (error.name !== "AbortError") show([]);
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, DELAY_MS);
  });
  input.addEventListener("keydown", (event) => {
    const count = places.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!count) return;
      event.preventDefault();
      if (list.hidden) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
      const step = event.key === "ArrowDown" ? 1 : -1;
      highlight(active < 0 && step < 0 ? count - 1 : (active + step + count) % count);
    } else if (event.key === "Enter" && !list.hidden && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      if (!list.hidden) {
        event.preventDefault();
        close();
      }
    } else if (event.key === "Tab") {
      close();
    }
  });
  input.addEventListener("blur", close);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearTimeout(timer);
    const query = input.value.trim();
    if (!query) {
      onMessage(say("typeSomething"), "error");
      input.focus();
      return;
    }
    if (controller) controller.abort();
    close();
    await find(query);
  });

  byId("near-me").addEventListener("click", () => {
    if (!("geolocation" in navigator)) {
      onMessage(say("geoUnsupported"), "error");
      return;
    }
    onMessage(say("locating"), "busy");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        input.value = "";
        onPlace({
          q: "",
          near: true,
          lon: position.coords.longitude,
          lat: position.coords.latitude,
          precision: "",
          note: "",
          kind: "position",
        });
      },
      (error) => {
        const key = { 1: "geoDenied", 2: "geoUnavailable", 3: "geoTimeout" }[error.code];
        onMessage(say(key || "geoUnavailable"), "error");
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  });

  return {
    find,
    setText(text) {
      input.value = text;
      close();
    },
  };
}
