// A scenario's change as the workspace's results and the comparison page both show it: the city
// measures with their decimals, the zones that change most, and a zone's popup.
import { esc, num, sig, signed, signedSig } from "./util.js";

// City measures shown: key of the answer, label, decimals ("sig": a score with no natural unit,
// to three significant digits).
export const CITY_MEASURES = [
  ["residents_within_15", "residentsWithin", 0],
  ["need_weighted_unserved", "needUnserved", 0],
  ["mean_min", "meanMin", 1],
  ["e2sfca_mean", "e2sfca", "sig"],
  ["gini_nearest_min", "giniMin", 3],
  ["palma_nearest_min", "palmaMin", 2],
  ["gini_e2sfca", "giniE2sfca", 3],
  ["palma_e2sfca", "palmaE2sfca", 2],
  ["n_sites", "nSites", 0],
];

// A value of a measure.
export function figure(value, decimals) {
  return decimals === "sig" ? sig(value) : num(value, decimals);
}

// A change of a measure with its sign; `scale` (the size of the values it is the difference of)
// tells a score's floating-point noise from a change (see signedSig).
export function change(value, decimals, scale = 0) {
  return decimals === "sig" ? signedSig(value, 3, scale) : signed(value, decimals);
}

// The zones whose need-weighted unserved residents change most in `side` (of each zone row:
// "delta", or "b_minus_a" for a comparison), then those whose residents within 15 minutes
// change most; a change under half a person is shown as none, so such zones are left out.
export function topZones(zones, side, count) {
  const size = (z) => [Math.abs(z[side]?.need_weighted_unserved || 0), Math.abs(z[side]?.residents_within_15 || 0)];
  return zones
    .filter((z) => size(z).some((v) => v >= 0.5))
    .sort((x, y) => {
      const [a1, a2] = size(x);
      const [b1, b2] = size(y);
      return b1 - a1 || b2 - a2;
    })
    .slice(0, count);
}

// The heading cell of a zone's row; with several categories, the row's category under it.
export function zoneHeading(z, categoryName, several) {
  const category = several ? `<br><span class="source">${esc(categoryName)}</span>` : "";
  return `<th scope="row">${esc(z.zone)} ${esc(z.zone_name)}${category}</th>`;
}

// A zone's popup: its name, the category, then a line per [label, text]; `extra` is HTML.
export function zonePopup(z, categoryName, lines, extra = "") {
  const body = lines.map(([label, text]) => `${esc(label)}: ${esc(text)}`).join("<br>");
  return `<strong>${esc(z.zone)} ${esc(z.zone_name)}</strong><br>${esc(categoryName)}<br>${body}${extra}`;
}
