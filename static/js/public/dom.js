// What the finder's modules share: the page's configuration (URLs and the words to show, in
// the visitor's language: the scripts themselves hold no language) and small DOM helpers.

export const config = JSON.parse(document.getElementById("finder-config").textContent);
export const L10N = config.labels;

// A label with its {placeholders} replaced.
export function say(key, values = {}) {
  return (L10N[key] || key).replace(/\{(\w+)\}/g, (whole, name) =>
    name in values ? String(values[name]) : whole,
  );
}

// A label as nodes, where a value may itself be a node (a place name marked with its own
// language): the translation decides where it goes in the sentence.
export function sayNodes(key, values = {}) {
  return (L10N[key] || key)
    .split(/(\{\w+\})/)
    .filter((part) => part !== "")
    .map((part) => {
      const name = part.match(/^\{(\w+)\}$/);
      if (!name || !(name[1] in values)) return document.createTextNode(part);
      const value = values[name[1]];
      return value instanceof Node ? value : document.createTextNode(String(value));
    });
}

// An element with attributes and children (strings become text, never HTML).
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// A record's own text (a name, hours as published...), shown as it was written and marked with
// its language so that screen readers pronounce it right; `dir="auto"` keeps an Italian name
// reading left to right inside an Arabic page.
export function published(text, language, tag = "span", attributes = {}) {
  return el(tag, { lang: language || "it", dir: "auto", ...attributes }, text);
}

export function byId(id) {
  return document.getElementById(id);
}

// A distance in the page's language: metres below a kilometre, else kilometres.
export function distance(meters) {
  const locale = document.documentElement.lang || "it";
  if (meters < 1000) return say("meters", { m: Math.round(meters).toLocaleString(locale) });
  const km = (meters / 1000).toLocaleString(locale, { maximumFractionDigits: 1 });
  return say("kilometres", { km });
}

export function minutes(value) {
  const locale = document.documentElement.lang || "it";
  return say("minutes", { min: Math.max(1, Math.round(value)).toLocaleString(locale) });
}
