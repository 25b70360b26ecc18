// The finder's service worker, served at /sw.js (geoplan.public.finder_views.service_worker).
// It keeps the finder's page and files, and the last answers of /api/nearest/, so that after
// a first visit the finder opens without a network and shows the last list it received.
// Everything is network first: a fresh answer always wins, the saved copy is for when the
// network is gone. Files whose names carry a content hash never change: they come from the
// saved copy first.
const VERSION = "finder-1";
const SHELL = `${VERSION}-shell`;
const ANSWERS = `${VERSION}-answers`;
const MAX_ANSWERS = 12;
const FINDER_PAGE = "/";
const NEAREST = "/api/nearest/";
const HASHED = /\.[0-9a-f]{12}\.\w+$/;
// Set on a saved answer: when it was received, so the page can say how old it is.
const SAVED_AT = "X-Finder-Saved-At";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => !n.startsWith(`${VERSION}-`)).map((n) => caches.delete(n))),
      )
      .then(() => self.clients.claim()),
  );
});

async function keepShell(urls) {
  const cache = await caches.open(SHELL);
  await Promise.all(
    urls.map(async (url) => {
      try {
        const response = await fetch(url, { credentials: "same-origin" });
        if (response.ok) await cache.put(url, response);
      } catch {
        // Offline already: what was saved before stays.
      }
    }),
  );
}

async function saveAnswer(request, response) {
  const headers = new Headers(response.headers);
  // The body kept is already decoded.
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  headers.set(SAVED_AT, new Date().toISOString());
  const body = await response.blob();
  const cache = await caches.open(ANSWERS);
  // The newest last: the oldest answers beyond MAX_ANSWERS are dropped.
  await cache.delete(request);
  await cache.put(request, new Response(body, { status: response.status, headers }));
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_ANSWERS)).map((k) => cache.delete(k)));
}

async function keepAnswer(url) {
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    if (response.ok) await saveAnswer(new Request(url), response);
  } catch {
    // Nothing to keep.
  }
}

// The page is told once its files, or its answer, are kept: from then on it opens offline.
function keepThenTell(event, work, type) {
  event.waitUntil(work.then(() => event.source && event.source.postMessage({ type })));
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "keep-shell" && Array.isArray(data.urls)) {
    keepThenTell(event, keepShell(data.urls), "shell-kept");
  }
  if (data.type === "keep-answer" && typeof data.url === "string") {
    keepThenTell(event, keepAnswer(data.url), "answer-kept");
  }
});

async function nearest(request) {
  try {
    const response = await fetch(request);
    if (response.ok) await saveAnswer(request, response.clone());
    return response;
  } catch {
    const saved = await caches.match(request, { cacheName: ANSWERS, ignoreVary: true });
    if (saved) return saved;
    return new Response(JSON.stringify({ offline: true }), {
      status: 503,
      headers: { "Content-Type": "application/json", "X-Finder-Offline": "1" },
    });
  }
}

async function page(request) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(SHELL);
      await cache.put(FINDER_PAGE, response.clone());
    }
    return response;
  } catch {
    // The page is the same whatever its query string: the state is read by its script.
    const saved = await caches.match(FINDER_PAGE, { cacheName: SHELL, ignoreVary: true });
    return saved || Response.error();
  }
}

async function file(request) {
  const cache = await caches.open(SHELL);
  const url = new URL(request.url);
  const key = url.pathname + url.search;
  if (HASHED.test(url.pathname)) {
    const saved = await cache.match(key, { ignoreVary: true });
    if (saved) return saved;
  }
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch {
    const saved = await cache.match(key, { ignoreVary: true });
    return saved || Response.error();
  }
}

// Only the finder's own files are kept, not those of the other pages in the worker's scope.
function fromFinder(request) {
  if (!request.referrer) return false;
  const referrer = new URL(request.referrer);
  return referrer.pathname === FINDER_PAGE || referrer.pathname.startsWith("/static/");
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  // Map tiles and every other site go straight to the network.
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (url.pathname === FINDER_PAGE) event.respondWith(page(request));
  } else if (url.pathname === NEAREST) {
    event.respondWith(nearest(request));
  } else if (url.pathname.startsWith("/static/") && fromFinder(request)) {
    event.respondWith(file(request));
  }
});
