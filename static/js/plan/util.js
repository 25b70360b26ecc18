// Small helpers of the planners' pages (the map with its workspace, the comparison page), kept
// here once: escaping, patterns, numbers in the page's language, the API's refusals as
// sentences, requests with the CSRF token.

export const LANG = document.documentElement.lang || undefined;

export function esc(value) {
  return String(value ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
  );
}

// Fill a translated pattern such as "by {owner}".
export function fill(pattern, values) {
  return String(pattern ?? "").replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
}

// A number in the page's language; "–" for null. Thousands are always grouped ("9.341" as the
// server's tables and prints write it, not "9341" next to "23.425" in the same column).
export function num(value, decimals = 0) {
  if (value == null || Number.isNaN(Number(value))) return "–";
  return Number(value).toLocaleString(LANG, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: "always",
  });
}

// A small number to a few significant digits ("0.000412"), for scores with no natural unit.
export function sig(value, digits = 3) {
  if (value == null || Number.isNaN(Number(value))) return "–";
  return Number(value).toLocaleString(LANG, { maximumSignificantDigits: digits });
}

// A change to a few significant digits; a change under a billionth of `scale` (the size of the
// values it is the difference of) is floating-point noise, and shown as none.
export function signedSig(value, digits = 3, scale = 0) {
  if (value == null) return "–";
  if (Number(value) === 0 || Math.abs(value) <= Math.abs(scale) * 1e-9) return sig(0, digits);
  return (value > 0 ? "+" : "−") + sig(Math.abs(value), digits);
}

// A change with its sign: "+1,234", "−0.8", "0".
export function signed(value, decimals = 0) {
  if (value == null) return "–";
  const rounded = Number(Number(value).toFixed(decimals));
  const shown = num(Math.abs(rounded), decimals);
  if (rounded === 0) return shown;
  return (rounded > 0 ? "+" : "−") + shown;
}

// The sentences of an API refusal ({"detail": "..."}, {"field": ["..."]}, nested), without JSON.
export function sentences(value) {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(sentences);
  if (value && typeof value === "object") return Object.values(value).flatMap(sentences);
  return [];
}

// A request to the API; answers {ok, status, data} and never throws on a refusal. `body` is sent
// as JSON unless it is FormData (a file upload).
export async function api(url, { method = "GET", body, csrf } = {}) {
  const headers = { Accept: "application/json" };
  if (csrf) headers["X-CSRFToken"] = csrf;
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body: payload, credentials: "same-origin", cache: "no-store" });
  } catch (err) {
    return { ok: false, status: 0, data: null, error: err };
  }
  let data = null;
  if (response.status !== 204) {
    try {
      data = await response.json();
    } catch {
      data = null;
    }
  }
  return { ok: response.ok, status: response.status, data };
}

// The sentence to show for a failed request: the server's own, else the generic one.
export function refusal(answer, fallback) {
  const said = sentences(answer.data).join(" ");
  return said || fallback;
}

export function withQuery(url, params) {
  const query = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => {
    if (v !== undefined && v !== null && v !== "") query.set(k, v);
  });
  const text = query.toString();
  if (!text) return url;
  return url + (url.includes("?") ? "&" : "?") + text;
}

export function forScenario(url, id) {
  return url.replace("SCENARIO", encodeURIComponent(id));
}

export function el(id) {
  return document.getElementById(id);
}

// A list's results: either a plain list or a page {results: [...]}.
export function rows(data) {
  if (Array.isArray(data)) return data;
  return (data && data.results) || [];
}
