// The site's place: a Leaflet map with a draggable pin, address suggestions from the offline
// street geocoder (street level), and the warnings the moderator will also see.
/* global L */

const CHECK_DELAY_MS = 500;
const SUGGEST_DELAY_MS = 250;

function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

function number(input) {
  const value = Number.parseFloat((input.value || "").replace(",", "."));
  return Number.isFinite(value) ? value : null;
}

export function setupSite(section, config) {
  const labels = config.labels;
  const name = section.querySelector("input[name='site-name']");
  const address = section.querySelector("[data-role='address']");
  const lonInput = section.querySelector("[data-role='lon']");
  const latInput = section.querySelector("[data-role='lat']");
  const datalist = section.querySelector("#address-suggestions");
  const status = section.querySelector("#pin-status");
  const warningsBox = section.querySelector("#warnings");
  const warningList = section.querySelector("#warning-list");
  const coords = section.querySelector("[data-role='coords']");
  if (coords && !section.querySelector(".map-block.has-error")) {
    coords.open = false;
  }

  const map = L.map("site-map").setView(config.center, config.zoom);
  L.tileLayer(config.tiles.url, {
    attribution: config.tiles.attribution,
    maxZoom: config.tiles.maxZoom || 19,
  }).addTo(map);
  let marker = null;
  let suggestions = new Map();
  let checking = null;
  let suggesting = null;

  function say(text) {
    status.textContent = text;
  }

  function showWarnings(items, failed) {
    warningList.replaceChildren();
    for (const item of items) {
      const li = document.createElement("li");
      li.textContent = item.message;
      li.dataset.code = item.code || "";
      warningList.append(li);
    }
    if (failed) {
      const li = document.createElement("li");
      li.textContent = labels.checkFailed;
      warningList.append(li);
    }
    warningsBox.hidden = warningList.children.length === 0;
  }

  async function check() {
    const lon = number(lonInput);
    const lat = number(latInput);
    if (lon === null || lat === null) {
      showWarnings([], false);
      return;
    }
    if (checking) {
      checking.abort();
    }
    checking = new AbortController();
    const params = new URLSearchParams({
      lon: String(lon),
      lat: String(lat),
      name: name ? name.value : "",
      address: address ? address.value : "",
    });
    if (config.siteId) {
      params.set("site", String(config.siteId));
    }
    try {
      const response = await fetch(`${config.checkUrl}?${params}`, {
        headers: { Accept: "application/json" },
        signal: checking.signal,
      });
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      showWarnings(await response.json(), false);
    } catch (error) {
      if (error.name !== "AbortError") {
        showWarnings([], true);
      }
    }
  }
  const checkSoon = debounce(check, CHECK_DELAY_MS);

  function pin(latlng) {
    if (marker) {
      marker.setLatLng(latlng);
      return;
    }
    marker = L.marker(latlng, { draggable: true, autoPan: true }).addTo(map);
    marker.on("dragend", () => {
      const moved = marker.getLatLng();
      write(moved.lat, moved.lng);
    });
  }

  function place(lat, lon, { zoom = null, note = "" } = {}) {
    const latlng = L.latLng(lat, lon);
    pin(latlng);
    if (zoom) {
      map.setView(latlng, zoom);
    }
    write(lat, lon, note);
  }

  function write(lat, lon, note = "") {
    latInput.value = lat.toFixed(7);
    lonInput.value = lon.toFixed(7);
    say(
      note ||
        labels.pinPlaced.replace("%(lat)s", lat.toFixed(5)).replace("%(lon)s", lon.toFixed(5)),
    );
    checkSoon();
  }

  map.on("click", (event) => place(event.latlng.lat, event.latlng.lng));

  const startLat = number(latInput);
  const startLon = number(lonInput);
  if (startLat !== null && startLon !== null) {
    const latlng = L.latLng(startLat, startLon);
    pin(latlng);
    map.setView(latlng, 17);
    check();
  }

  for (const input of [lonInput, latInput]) {
    input.addEventListener("change", () => {
      const lat = number(latInput);
      const lon = number(lonInput);
      if (lat !== null && lon !== null) {
        place(lat, lon, { zoom: 17 });
      }
    });
  }

  async function suggest() {
    const query = address.value.trim();
    if (query.length < 2) {
      return;
    }
    if (suggesting) {
      suggesting.abort();
    }
    suggesting = new AbortController();
    try {
      const params = new URLSearchParams({ q: query });
      const response = await fetch(`${config.geocodeUrl}?${params}`, {
        headers: { Accept: "application/json" },
        signal: suggesting.signal,
      });
      if (!response.ok) {
        return;
      }
      const results = await response.json();
      suggestions = new Map(results.map((r) => [r.address, r]));
      datalist.replaceChildren();
      for (const result of results) {
        const option = document.createElement("option");
        option.value = result.address;
        option.label = result.label;
        option.textContent = result.label;
        datalist.append(option);
      }
    } catch (error) {
      if (error.name !== "AbortError") {
        datalist.replaceChildren();
      }
    }
  }
  const suggestSoon = debounce(suggest, SUGGEST_DELAY_MS);

  address.addEventListener("input", (event) => {
    const chosen = suggestions.get(address.value);
    // A suggestion picked from the list (not a name typed in full over a pin already placed).
    const picked = !event.inputType || event.inputType === "insertReplacementText";
    if (chosen && (picked || !marker)) {
      place(chosen.lat, chosen.lon, {
        zoom: 17,
        note: chosen.precision === "street" ? labels.streetLevel : "",
      });
      return;
    }
    suggestSoon();
    checkSoon();
  });
  if (name) {
    name.addEventListener("input", checkSoon);
  }
}
