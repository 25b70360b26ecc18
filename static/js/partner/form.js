// The partner portal's site and service forms: the pin map, address suggestions, location
// warnings, and rows added to the opening hours and closures. The page works without it.
import { setupHours } from "./hours.js";
import { setupSite } from "./site.js";

const config = JSON.parse(document.getElementById("partner-config").textContent);

for (const section of document.querySelectorAll(".service-section")) {
  setupHours(section);
}
const siteSection = document.querySelector(".site-section");
if (siteSection && window.L) {
  setupSite(siteSection, config);
}
const summary = document.getElementById("errors");
if (summary) {
  summary.focus();
}
