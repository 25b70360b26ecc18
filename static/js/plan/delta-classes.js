// Classes of a change in need-weighted residents beyond 15 minutes (people): a diverging scale,
// symmetric around "no change", blue where fewer people are unserved, red where more are. The
// workspace's delta layer and both maps of the comparison page use it, and the print layout's
// legend is the same (geoplan/planning/legend_classes.py: the same step, bounds and colours), so
// that one colour means the same change on every page and in every document.
import { esc, num } from "./util.js";

// ColorBrewer RdBu (7), reversed: negative changes (better) blue.
export const DELTA_COLORS = ["#2166ac", "#67a9cf", "#d1e5f0", "#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b"];

// Under half a person the change rounds to none.
const NONE = 0.5;

// A third of the largest change rounded up to 1, 2 or 5 times a power of ten, and never under
// one person (a narrower class would hold changes that all round to the same whole number).
export function deltaStep(max) {
  const raw = max / 3;
  if (!(raw > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
}

// {step, colors}: classes ≤ −2s, (−2s, −s], (−s, −½], none (under ½ either way), [½, s), [s, 2s), ≥ 2s.
export function deltaClasses(values) {
  const max = Math.max(0, ...values.filter((v) => v != null).map((v) => Math.abs(v)));
  return { step: deltaStep(max), colors: DELTA_COLORS, max };
}

export function deltaIndex(value, classes) {
  if (value == null || Math.abs(value) < NONE) return 3;
  const s = classes.step;
  if (value < 0) return value <= -2 * s ? 0 : value <= -s ? 1 : 2;
  return value >= 2 * s ? 6 : value >= s ? 5 : 4;
}

export function deltaColor(value, classes) {
  return value == null ? "#cccccc" : classes.colors[deltaIndex(value, classes)];
}

// The legend as list items, from the best class to the worst.
export function deltaLegendItems(classes, labels) {
  const s = classes.step;
  const ranges = [
    `≤ −${num(2 * s)}`,
    `−${num(2 * s)} … −${num(s)}`,
    `−${num(s)} … 0`,
    labels.deltaNone,
    `0 … +${num(s)}`,
    `+${num(s)} … +${num(2 * s)}`,
    `≥ +${num(2 * s)}`,
  ];
  const notes = { 0: labels.deltaBetter, 6: labels.deltaWorse };
  return ranges
    .map(
      (text, i) =>
        `<li data-class="${i}"><span class="swatch" style="background:${classes.colors[i]}"></span>${esc(text)}` +
        `${i === 3 ? "" : ` ${esc(labels.people)}`}${notes[i] ? ` <span class="desc">(${esc(notes[i])})</span>` : ""}</li>`,
    )
    .join("");
}
