// The ranked gap table: every zone of the chosen category with its residents, share within T,
// mean walk, need percentile, gap in people at T and rank, sortable by any column and filtered
// by circoscrizione. Its rows come from needcalc.js, so they follow the need weights at once.
import { esc, fill, num } from "./plan/util.js";
import { L10N, pct, state } from "./context.js";
import { openZone } from "./zonepanel.js";

const table = document.getElementById("gap-table");
const filter = document.getElementById("gap-circ");
const count = document.getElementById("gap-count");

// Column: key of a row, its header label, how a value is written, whether it is a number.
function columns(t) {
  return [
    { key: "rank", label: L10N.colRank, cell: (r) => (r.rank == null ? "–" : `${r.tied ? "=" : ""}${r.rank}`) },
    { key: "zone", label: L10N.colZone, text: true },
    { key: "gap", label: fill(L10N.colGap, { t }), cell: (r) => num(r.gap, 0) },
    { key: "need01", label: L10N.colNeedPct, cell: (r) => pct(r.need01, "–") },
    { key: "share", label: fill(L10N.colShare, { t }), cell: (r) => pct(r.share, "–") },
    { key: "meanMin", label: L10N.colMean, cell: (r) => num(r.meanMin, 1) },
    { key: "population", label: L10N.colPopulation, cell: (r) => num(r.population, 0) },
    { key: "circoscrizione", label: L10N.colCirc, text: true, cell: (r) => esc(r.circoscrizione) },
  ];
}

let rows = [];
let sort = { key: "rank", dir: "ascending" };

function compare(key, dir) {
  const sign = dir === "ascending" ? 1 : -1;
  return (a, b) => {
    const x = a[key];
    const y = b[key];
    // Zones without a value go last whichever the direction.
    if (x == null || y == null) return (x == null) - (y == null) || a.zone.localeCompare(b.zone);
    const c = typeof x === "string" ? x.localeCompare(y, undefined, { numeric: true }) : x - y;
    return sign * c || a.zone.localeCompare(b.zone);
  };
}

function header(cols) {
  return `<tr>${cols
    .map((c) => {
      const sorted = sort.key === c.key ? ` aria-sort="${sort.dir}"` : "";
      return `<th scope="col"${sorted} data-key="${c.key}"${c.text ? "" : ' class="num"'}>
        <button type="button" class="sort" data-key="${c.key}" title="${esc(fill(L10N.sortBy, { column: c.label }))}">${esc(c.label)}</button></th>`;
    })
    .join("")}</tr>`;
}

function body(cols, shown) {
  return shown
    .map((r) => {
      const cells = cols
        .map((c) => {
          if (c.key === "zone") {
            return `<th scope="row"><button type="button" class="zone-link" data-zone="${esc(r.zone)}">${esc(r.zone)} ${esc(r.name)}</button></th>`;
          }
          return `<td${c.text ? "" : ' class="num"'}>${c.cell(r)}</td>`;
        })
        .join("");
      return `<tr data-zone="${esc(r.zone)}" data-rank="${r.rank == null ? "" : `${r.tied ? "=" : ""}${r.rank}`}">${cells}</tr>`;
    })
    .join("");
}

function fillFilter() {
  const circs = [...new Set(rows.map((r) => r.circoscrizione))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const chosen = filter.value;
  filter.replaceChildren(new Option(L10N.allCirc, ""), ...circs.map((c) => new Option(fill(L10N.circN, { n: c }), c)));
  filter.value = circs.includes(chosen) ? chosen : "";
}

export function render() {
  const cols = columns(state.threshold);
  const shown = rows.filter((r) => !filter.value || r.circoscrizione === filter.value).sort(compare(sort.key, sort.dir));
  table.tHead.innerHTML = header(cols);
  table.tBodies[0].innerHTML = body(cols, shown);
  count.textContent = fill(L10N.zonesShown, { shown: shown.length, total: rows.length });
}

// New rows (new weights, threshold, category or walking speed): the sort and filter stay.
export function showRows(ranked) {
  const circsBefore = rows.map((r) => r.circoscrizione).join();
  rows = ranked;
  if (rows.map((r) => r.circoscrizione).join() !== circsBefore) fillFilter();
  render();
}

export function clearRows(message) {
  rows = [];
  table.tHead.innerHTML = "";
  table.tBodies[0].innerHTML = `<tr><td>${esc(message)}</td></tr>`;
  count.textContent = "";
}

export function setupGapTable() {
  table.tHead.addEventListener("click", (e) => {
    const button = e.target.closest("button.sort");
    if (!button) return;
    const key = button.dataset.key;
    // A first click on a column sorts it the way it reads best: ranks and names up, numbers down.
    const first = key === "rank" || key === "zone" || key === "circoscrizione" ? "ascending" : "descending";
    const dir = sort.key === key ? (sort.dir === "ascending" ? "descending" : "ascending") : first;
    sort = { key, dir };
    render();
    table.tHead.querySelector(`button.sort[data-key="${key}"]`)?.focus();
  });
  table.tBodies[0].addEventListener("click", (e) => {
    const row = e.target.closest("tr[data-zone]");
    if (row) openZone(row.dataset.zone, { zoom: true });
  });
  filter.addEventListener("change", render);
}

export function currentRows() {
  return rows;
}
