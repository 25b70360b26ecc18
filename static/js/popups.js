// Popup contents of the catalogue's layers.
import { safeUrl } from "./layers.js";
import { L10N, fmtMin, int, pct } from "./context.js";
import { LANG, esc, fill, num } from "./plan/util.js";

// A button that opens the zone panel (handled once, on the whole page).
export function detailsButton(code) {
  return `<br><button type="button" class="zone-details" data-zone="${esc(code)}">${esc(L10N.zoneDetails)}</button>`;
}

export function zonePopup(p) {
  return `<strong>${esc(p.code)} ${esc(p.name)}</strong><br>
    ${esc(L10N.circoscrizione)}: ${esc(p.circoscrizione)} – ${esc(p.circoscrizione_name)}<br>
    ${esc(L10N.population)}: ${p.population == null ? esc(L10N.noData) : int(p.population)}<br>
    ${esc(L10N.density)}: ${p.density_per_km2 == null ? esc(L10N.noData) : int(p.density_per_km2)} /km²
    ${detailsButton(p.code)}`;
}

// A date of the API ("2026-03-12") as that calendar day, whatever the browser's time zone.
function day(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

function dateFormat(options) {
  try {
    return new Intl.DateTimeFormat(LANG, options);
  } catch {
    return new Intl.DateTimeFormat(undefined, options);
  }
}

// "24 Dec" or "24–26 Dec", with the year only when it is not this year.
function shortDates(start, end = start) {
  const thisYear = new Date().getFullYear();
  const year = start.getFullYear() !== thisYear || end.getFullYear() !== thisYear;
  const f = dateFormat({ day: "numeric", month: "short", ...(year ? { year: "numeric" } : {}) });
  if (start.getTime() === end.getTime()) return f.format(start);
  if (typeof f.formatRange === "function") return f.formatRange(start, end);
  return `${f.format(start)}–${f.format(end)}`;
}

function longDate(d) {
  return dateFormat({ dateStyle: "long" }).format(d);
}

let languageNames;
// A language's name in the page's language ("it" -> "Italian"), else its code.
function languageName(code) {
  try {
    languageNames ??= new Intl.DisplayNames(LANG ? [LANG] : undefined, { type: "language" });
    return languageNames.of(code) || code;
  } catch {
    return code;
  }
}

// "Label: value" on a line of its own; `html` is escaped already.
function fact(label, html, kind = "") {
  return `<div class="fact${kind ? ` ${kind}` : ""}"><span class="fact-label">${esc(label)}:</span> ${html}</div>`;
}

// Italian day names are lower case: a line starts with a capital all the same.
function capitalised(text) {
  const first = String(text).charAt(0);
  return first.toLocaleUpperCase(LANG) + String(text).slice(1);
}

// Weekly rows as lines: "Monday 09:00–13:00, 14:00–18:00"; consecutive days with the same
// intervals share a line ("Monday–Friday 09:00–13:00"). Day names come translated.
function weekLines(rows) {
  const days = [];
  rows.forEach((h) => {
    const last = days[days.length - 1];
    const span = `${h.opens_at}–${h.closes_at}`;
    if (last && last.weekday === h.weekday) last.spans.push(span);
    else days.push({ weekday: h.weekday, name: h.weekday_name, spans: [span] });
  });
  const runs = [];
  days.forEach((d) => {
    const spans = d.spans.join(", ");
    const last = runs[runs.length - 1];
    if (last && last.spans === spans && last.to.weekday === d.weekday - 1) last.to = d;
    else runs.push({ from: d, to: d, spans });
  });
  return runs.map((r) => {
    const names = r.from === r.to ? r.from.name : `${r.from.name}–${r.to.name}`;
    return `<li>${esc(capitalised(names))} ${esc(r.spans)}</li>`;
  });
}

function seasonLabel(from, to) {
  const start = day(from);
  const end = day(to);
  if (start && end) return fill(L10N.seasonFromTo, { start: shortDates(start), end: shortDates(end) });
  return start ? fill(L10N.seasonFrom, { start: shortDates(start) }) : fill(L10N.seasonTo, { end: shortDates(end) });
}

// The weekly hours (all year first, then each season with its dates), the closures still to
// come and the public holidays; else the hours as the source published them.
function hoursFact(s) {
  const rows = [...(s.schedules || [])].sort(
    (a, b) => a.weekday - b.weekday || String(a.opens_at).localeCompare(String(b.opens_at)),
  );
  const seasons = new Map();
  rows.forEach((h) => {
    const key = `${h.valid_from || ""}/${h.valid_to || ""}`;
    if (!seasons.has(key)) seasons.set(key, { from: h.valid_from, to: h.valid_to, rows: [] });
    seasons.get(key).rows.push(h);
  });
  const seasonal = (x) => (x.from || x.to ? 1 : 0);
  const weekly = [...seasons.values()]
    .sort((a, b) => seasonal(a) - seasonal(b) || String(a.from || "").localeCompare(String(b.from || "")))
    .flatMap((x) =>
      seasonal(x)
        ? [`<li>${esc(seasonLabel(x.from, x.to))}:<ul>${weekLines(x.rows).join("")}</ul></li>`]
        : weekLines(x.rows),
    );
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  const exceptions = (s.closures || [])
    .map((c) => ({ start: day(c.starts_on), end: day(c.ends_on) || day(c.starts_on), note: c.note }))
    .filter((c) => c.start && c.end >= today)
    .map((c) => {
      const why = c.note ? ` (${esc(c.note)})` : "";
      return `<li>${esc(fill(L10N.closedOn, { dates: shortDates(c.start, c.end) }))}${why}</li>`;
    });
  if (s.closed_on_public_holidays) exceptions.push(`<li>${esc(L10N.closedHolidays)}</li>`);
  const list = (items) => (items.length ? `<ul class="hours-list">${items.join("")}</ul>` : "");
  if (weekly.length) return fact(L10N.hours, list([...weekly, ...exceptions]), "hours");
  if (s.hours_text) return fact(L10N.hoursAsPublished, esc(s.hours_text) + list(exceptions), "hours");
  return exceptions.length ? fact(L10N.hours, list(exceptions), "hours") : "";
}

// Each number of "011 123456 / 333 1234567" is a tel: link (a tap calls it on a phone).
function phoneHtml(phone) {
  return String(phone)
    .split(/\s*[/;,]\s*/)
    .filter((part) => part.trim())
    .map((part) => {
      const digits = part.replace(/\D/g, "");
      const number = (/^\s*\(?\s*\+/.test(part) ? "+" : "") + digits;
      return digits.length >= 3 ? `<a href="tel:${esc(number)}">${esc(part.trim())}</a>` : esc(part.trim());
    })
    .join(", ");
}

function emailHtml(email) {
  return /^[^\s@<>"',;:]+@[^\s@<>"',;:]+\.[^\s@<>"',;:]+$/.test(email)
    ? `<a href="mailto:${esc(email)}">${esc(email)}</a>`
    : esc(email);
}

function websiteHtml(url) {
  const link = safeUrl(url);
  if (!link) return "";
  let shown = link;
  try {
    shown = new URL(link).host;
  } catch {
    // shown as given
  }
  return `<a href="${esc(link)}" target="_blank" rel="noopener noreferrer">${esc(shown)}</a>`;
}

// What is known of a service, one fact a line; unknown or empty facts are left out.
function serviceDetails(s) {
  const out = [];
  if (s.capacity != null) out.push(fact(L10N.capacity, `${esc(s.capacity)} ${esc(s.capacity_unit)}`));
  out.push(hoursFact(s));
  if (s.phone) out.push(fact(L10N.phone, phoneHtml(s.phone), "phone"));
  if (s.email) out.push(fact(L10N.email, emailHtml(s.email), "email"));
  const website = s.website ? websiteHtml(s.website) : "";
  if (website) out.push(fact(L10N.website, website, "website"));
  const languages = (s.languages || []).filter(Boolean);
  if (languages.length) {
    out.push(fact(L10N.languages, esc(languages.map(languageName).join(", ")), "languages"));
  }
  if (s.step_free_access === true || s.step_free_access === false) {
    out.push(fact(L10N.stepFree, esc(s.step_free_access ? L10N.yes : L10N.no), "step-free"));
  }
  const groups = (s.target_group_labels || []).join(", ");
  const note = s.target_groups_note || "";
  if (groups || note) {
    const who = groups && note ? `${groups} – ${note}` : groups || note;
    out.push(fact(L10N.targetGroups, esc(who), "target-groups"));
  }
  if (s.eligibility) {
    out.push(fact(L10N.eligibility, `<span class="long-text">${esc(s.eligibility)}</span>`, "eligibility"));
  }
  const verified = day(s.last_verified);
  if (verified) out.push(fact(L10N.lastVerified, esc(longDate(verified)), "last-verified"));
  const link = safeUrl(s.source_url);
  if (link) {
    const year = s.as_of_year ? ` (${esc(L10N.asOf)} ${esc(s.as_of_year)})` : "";
    const anchor = `<a href="${esc(link)}" target="_blank" rel="noopener noreferrer">${esc(L10N.source)}</a>`;
    out.push(`<div class="fact source-line">${anchor}${year}</div>`);
  }
  return out.join("");
}

export function sitePopup(p) {
  const precision = p.location_precision === "street" ? L10N.approximate : p.location_precision_label;
  const services = p.services
    .map((s) => {
      const flag = s.is_illustrative ? `<div class="illustrative">${esc(L10N.illustrative)}</div>` : "";
      const category = fact(
        L10N.category,
        `<span class="swatch" style="background:${esc(s.color)}"></span>${esc(s.category_name)}`,
      );
      return `<li class="service">${flag}<strong>${esc(s.name)}</strong>${category}${serviceDetails(s)}</li>`;
    })
    .join("");
  return `<div class="site-popup"><strong>${esc(p.name)}</strong><br>${esc(L10N.address)}: ${esc(p.address)}<br>
    ${esc(L10N.precision)}: <span class="precision-${esc(p.location_precision)}">${esc(precision)}</span>
    <ul class="services">${services}</ul></div>`;
}

function gapPopup(p) {
  const rank = p.rank_label ?? p.gap_rank ?? "–";
  return `<strong>${esc(p.code)} ${esc(p.name)}</strong><br>
    ${esc(L10N.gap)}: ${p.gap == null ? esc(L10N.noData) : num(p.gap, 2)} (${esc(L10N.rank)} ${esc(rank)})<br>
    ${esc(L10N.need)}: ${p.need == null ? esc(L10N.noData) : num(p.need, 2)}<br>
    ${esc(L10N.within15)}: ${esc(pct(p.share_within_15))}<br>
    ${esc(L10N.meanMin)}: ${esc(fmtMin(p.mean_min))}
    ${detailsButton(p.code)}`;
}

function cellPopup(p) {
  return `<strong>${esc(L10N.cell)}</strong><br>
    ${esc(L10N.nearest)}: ${esc(fmtMin(p.nearest_min))}<br>
    ${esc(L10N.residents)}: ${int(p.population)}<br>
    ${esc(L10N.sitesWithin15)}: ${p.sites_within_15}`;
}

export const POPUPS = { "zones-density": zonePopup, "access-nearest": cellPopup, "zones-gap": gapPopup };
