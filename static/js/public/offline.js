// Offline after a first visit: the service worker (/sw.js) keeps the finder's page, its files
// and the last answers; this module registers it and tells it which files the page uses.
import { config } from "./dom.js";

// Same-origin files this page loaded (its styles and scripts), for the worker to keep.
function pageFiles() {
  const files = new Set([window.location.pathname]);
  for (const entry of performance.getEntriesByType("resource")) {
    const url = new URL(entry.name);
    if (url.origin === window.location.origin && url.pathname.startsWith("/static/")) {
      files.add(url.pathname + url.search);
    }
  }
  return [...files];
}

export function registerWorker() {
  if (!("serviceWorker" in navigator)) return;
  const controlled = Boolean(navigator.serviceWorker.controller);
  // The worker says when it has kept the finder (body[data-offline-ready]) and the answer
  // fetched before it was in charge (body[data-answer-kept]).
  navigator.serviceWorker.addEventListener("message", (event) => {
    const type = event.data && event.data.type;
    if (type === "shell-kept") document.body.dataset.offlineReady = "true";
    if (type === "answer-kept") document.body.dataset.answerKept = "true";
  });
  navigator.serviceWorker
    .register(config.serviceWorkerUrl, { scope: "/" })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // A page the worker already served has had its files kept on the way.
      if (controlled) document.body.dataset.offlineReady = "true";
      else registration.active.postMessage({ type: "keep-shell", urls: pageFiles() });
    })
    .catch(() => {
      // No worker (a private window, an old browser): the finder works, only not offline.
    });
}

// An answer fetched before the worker took control of the page is not saved yet: ask for it.
export function keepAnswer(url) {
  const worker = navigator.serviceWorker && navigator.serviceWorker.controller;
  if (worker) return;
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.ready.then((registration) => {
    registration.active.postMessage({ type: "keep-answer", url });
  });
}
