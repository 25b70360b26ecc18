// The answer as a list: the nearest sites in walking order, each with its walk, its services
// with their open state in words, and what the visitor should know before going.
import { L10N, config, distance, el, minutes, published, say } from "./dom.js";

const STATE_MARK = { open: "●", closed: "○", unknown: "?" };
// Names and addresses are Turin's own, in Italian, whatever the language of a record's other
// texts (hours as published, eligibility: Service.text_language), as on the site's page.
const NAMES = "it";

function openState(service) {
  const state = service.open_state || { state: "unknown", label: L10N.hoursUnknown };
  const mark = el("span", { class: "state-mark", "aria-hidden": "true" }, STATE_MARK[state.state]);
  const paragraph = el("p", { class: `state state-${state.state}`, "data-state": state.state }, mark);
  if (state.state === "unknown" && state.hours_text) {
    // The hours as their source wrote them, in that source's language.
    paragraph.append(
      `${L10N.hoursAsPublished} `,
      published(state.hours_text, service.text_language),
    );
  } else {
    paragraph.append(state.label);
  }
  return paragraph;
}

function details(service) {
  const parts = [];
  if (service.step_free_access) parts.push(el("span", {}, L10N.stepFree));
  if (service.languages && service.languages.length) {
    const names = service.languages.map((code) => config.languageNames[code] || code);
    parts.push(el("span", {}, `${L10N.speaks} ${names.join(", ")}`));
  }
  if (service.target_group_labels && service.target_group_labels.length) {
    parts.push(el("span", {}, `${L10N.forGroups} ${service.target_group_labels.join(", ")}`));
  }
  if (service.eligibility) {
    parts.push(el("span", {}, `${L10N.eligibility} `, published(service.eligibility, service.text_language)));
  }
  if (service.phone) {
    parts.push(
      el("span", {}, `${L10N.phone} `, el("a", { href: `tel:${service.phone.replace(/\s+/g, "")}`, class: "phone" }, service.phone)),
    );
  }
  return parts.length ? el("p", { class: "service-details" }, ...parts) : null;
}

function serviceItem(service, siteName) {
  // Many services are named as their site: the name is said once.
  const name = service.name && service.name !== siteName ? service.name : "";
  return el(
    "li",
    { class: "service" },
    el(
      "p",
      { class: "service-name" },
      el("span", { class: "swatch", "aria-hidden": "true", style: `background-color: ${service.color}` }),
      el("span", { class: "category" }, service.category_name),
      name ? el("span", { class: "sep", "aria-hidden": "true" }, " · ") : null,
      name ? published(name, NAMES) : null,
    ),
    openState(service),
    details(service),
  );
}

function resultItem(feature, index, selected, onRoute) {
  const p = feature.properties;
  const routeButton = el(
    "button",
    {
      type: "button",
      class: "route-button",
      "aria-pressed": selected ? "true" : "false",
      "data-site": String(p.id),
      onclick: () => onRoute(p.id),
    },
    // A toggle: its name stays, aria-pressed (and its look) says whether the route is shown.
    L10N.showRoute,
  );
  return el(
    "li",
    {
      class: `result${selected ? " selected" : ""}`,
      id: `site-${p.id}`,
      "data-id": String(p.id),
      "data-minutes": String(p.minutes),
      "data-meters": String(p.meters),
    },
    el(
      "div",
      { class: "result-head" },
      el("span", { class: "number", "aria-hidden": "true" }, String(index + 1)),
      el("h3", { class: "result-name" }, el("a", { href: p.url, lang: NAMES, dir: "auto" }, p.name)),
    ),
    // A place known only by its street, searched from that same street: both are the same
    // point, so the walk (a minute or so) says nothing; the house numbers decide it.
    p.same_street_point
      ? el("p", { class: "walk" }, el("strong", {}, L10N.sameStreet))
      : el(
          "p",
          { class: "walk" },
          el("strong", {}, minutes(p.minutes)),
          el("span", { class: "sep", "aria-hidden": "true" }, " · "),
          distance(p.meters),
        ),
    p.address ? published(p.address, NAMES, "p", { class: "address" }) : null,
    p.location_precision === "street" ? el("p", { class: "notice approximate" }, L10N.approximate) : null,
    p.is_illustrative ? el("p", { class: "badge illustrative" }, L10N.illustrative) : null,
    el("ul", { class: "services" }, ...p.services.map((service) => serviceItem(service, p.name))),
    routeButton,
  );
}

export function renderResults(list, answer, selectedId, onRoute) {
  list.replaceChildren(
    ...answer.features.map((feature, i) =>
      resultItem(feature, i, feature.properties.id === selectedId, onRoute),
    ),
  );
}

// Only the selection changed: the buttons and the highlight follow, the rest stays.
export function markSelected(list, selectedId) {
  for (const item of list.querySelectorAll(".result")) {
    const selected = Number(item.dataset.id) === selectedId;
    item.classList.toggle("selected", selected);
    const button = item.querySelector(".route-button");
    button.setAttribute("aria-pressed", selected ? "true" : "false");
  }
}
