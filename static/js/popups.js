// Popup contents of the catalogue's layers.
import { esc, safeUrl } from "./layers.js";
import { L10N, fmtMin, pct } from "./context.js";

// A button that opens the zone panel (handled once, on the whole page).
export function detailsButton(code) {
  return `<br><button type="button" class="zone-details" data-zone="${esc(code)}">${esc(L10N.zoneDetails)}</button>`;
}

export function zonePopup(p) {
  return `<strong>${esc(p.code)} ${esc(p.name)}</strong><br>
    ${esc(L10N.circoscrizione)}: ${esc(p.circoscrizione)} – ${esc(p.circoscrizione_name)}<br>
    ${esc(L10N.population)}: ${p.population == null ? esc(L10N.noData) : p.population.toLocaleString()}<br>
    ${esc(L10N.density)}: ${p.density_per_km2 == null ? esc(L10N.noData) : Math.round(p.density_per_km2).toLocaleString()} /km²
    ${detailsButton(p.code)}`;
}

export function sitePopup(p) {
  const precision = p.location_precision === "street" ? L10N.approximate : p.location_precision_label;
  const services = p.services
    .map((s) => {
      const flag = s.is_illustrative ? `<div class="illustrative">${esc(L10N.illustrative)}</div>` : "";
      const capacity = s.capacity != null ? `<br>${esc(L10N.capacity)}: ${s.capacity} ${esc(s.capacity_unit)}` : "";
      const weekly = (s.schedules || [])
        .map((h) => `${esc(h.weekday_name)} ${esc(h.opens_at)}–${esc(h.closes_at)}`)
        .join(", ");
      const hours = weekly
        ? `<br>${esc(L10N.hours)}: ${weekly}`
        : s.hours_text
          ? `<br>${esc(L10N.hours)}: ${esc(s.hours_text)}`
          : "";
      const link = safeUrl(s.source_url);
      const source = link
        ? `<br><a href="${esc(link)}" target="_blank" rel="noopener noreferrer">${esc(L10N.source)}</a>` +
          (s.as_of_year ? ` (${esc(L10N.asOf)} ${esc(s.as_of_year)})` : "")
        : "";
      return `<li>${flag}<strong>${esc(s.name)}</strong><br>${esc(L10N.category)}:
        <span class="swatch" style="background:${esc(s.color)}"></span>${esc(s.category_name)}${capacity}${hours}${source}</li>`;
    })
    .join("");
  return `<div class="site-popup"><strong>${esc(p.name)}</strong><br>${esc(L10N.address)}: ${esc(p.address)}<br>
    ${esc(L10N.precision)}: <span class="precision-${esc(p.location_precision)}">${esc(precision)}</span>
    <ul class="services">${services}</ul></div>`;
}

function gapPopup(p) {
  const rank = p.rank_label ?? p.gap_rank ?? "–";
  return `<strong>${esc(p.code)} ${esc(p.name)}</strong><br>
    ${esc(L10N.gap)}: ${p.gap == null ? esc(L10N.noData) : p.gap.toFixed(2)} (${esc(L10N.rank)} ${esc(rank)})<br>
    ${esc(L10N.need)}: ${p.need == null ? esc(L10N.noData) : p.need.toFixed(2)}<br>
    ${esc(L10N.within15)}: ${esc(pct(p.share_within_15))}<br>
    ${esc(L10N.meanMin)}: ${esc(fmtMin(p.mean_min))}
    ${detailsButton(p.code)}`;
}

function cellPopup(p) {
  return `<strong>${esc(L10N.cell)}</strong><br>
    ${esc(L10N.nearest)}: ${esc(fmtMin(p.nearest_min))}<br>
    ${esc(L10N.residents)}: ${p.population.toLocaleString()}<br>
    ${esc(L10N.sitesWithin15)}: ${p.sites_within_15}`;
}

export const POPUPS = { "zones-density": zonePopup, "access-nearest": cellPopup, "zones-gap": gapPopup };
