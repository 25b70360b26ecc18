// A scenario's edits on a map, the same on the workspace and on the comparison page: a proposed
// or moved site with the "not a real site" marker, a published site it closes or moves away from
// crossed out.
import { esc } from "./util.js";

// The marker of a proposed site: `sign` in a diamond of the `color` (or the stylesheet's), with
// `extra` classes.
export function proposedIcon(color, sign = "+", extra = "") {
  const style = color ? ` style="border-color:${esc(color)}"` : "";
  return L.divIcon({
    className: `ws-proposed-icon ${extra}`.trim(),
    html: `<span${style}><b>${esc(sign)}</b></span>`,
    iconSize: [26, 26],
    iconAnchor: [13, 13],
    popupAnchor: [0, -12],
  });
}

// The marker's colour: the category's for an added site, dark grey for a moved one.
export function editColor(edit, categoryColor) {
  return edit.kind === "add" ? categoryColor(edit.category) : "#333";
}

// Where an add or move edit puts a site; `label` is the page's "PROPOSED – not a real site".
export function proposedMarker(edit, color, label, title, options = {}) {
  return L.marker([edit.lat, edit.lon], { icon: proposedIcon(color), title, keyboard: true, ...options }).bindTooltip(esc(label));
}

// A published site a close edit closes, or a move edit moves away from (`kind`).
export function crossedMarker(latlng, kind, title, options = {}) {
  return L.marker(latlng, {
    icon: L.divIcon({ className: `ws-closed-icon ws-${kind}-icon`, html: "<span>×</span>", iconSize: [22, 22] }),
    title,
    interactive: false,
    ...options,
  });
}
