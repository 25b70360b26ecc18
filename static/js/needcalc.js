// The need index, its percentile and the gap in people, recomputed in the browser for any need
// weights, exactly as a run computes them (geoplan/analysis/need.py):
// - need: the weighted mean of the signed z-scores a zone has (weights renormalised over them);
// - need percentile: the share of zones whose need is at most the zone's (ties share the highest
//   rank), over the zones that have a need;
// - gap in people at T minutes: need percentile x residents beyond T;
// - rank: 1 = the largest gap; equal gaps (to 9 significant digits) share the lowest rank.
// Pure functions of the need-profile answer (/api/need-profiles/<category>/) and the weights.

export function needIndex(zones, codes, weights) {
  return zones.map((zone) => {
    let sum = 0;
    let weight = 0;
    for (const code of codes) {
      const z = zone.z[code];
      const w = weights[code] || 0;
      if (z == null || !(w > 0)) continue;
      sum += z * w;
      weight += w;
    }
    return weight > 0 ? sum / weight : null;
  });
}

export function percentiles(values) {
  const known = values.filter((v) => v != null).sort((a, b) => a - b);
  const n = known.length;
  return values.map((v) => {
    if (v == null) return null;
    // How many values are at most v: the first index holding a larger one.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (known[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo / n;
  });
}

// Python's float(f"{v:.9g}"): floating-point noise must not split a real tie.
function tieKey(v) {
  return Number(v.toPrecision(9));
}

export function tiedRanks(values) {
  const keys = values.map((v) => (v == null ? null : tieKey(v)));
  const sorted = keys.filter((k) => k != null).sort((a, b) => b - a);
  const ranks = keys.map((k) => {
    if (k == null) return null;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] > k) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  });
  const count = new Map();
  ranks.forEach((r) => r != null && count.set(r, (count.get(r) || 0) + 1));
  return ranks.map((r) => ({ rank: r, tied: r != null && count.get(r) > 1 }));
}

// Every zone with its need, percentile, share within T, residents beyond T, gap in people and
// rank, for these weights and threshold T (minutes).
export function rankZones(answer, weights, threshold) {
  const t = String(threshold);
  const codes = answer.indicators.map((i) => i.code);
  const zones = answer.zones;
  const need = needIndex(zones, codes, weights);
  const need01 = percentiles(need);
  const gap = zones.map((z, i) => {
    const beyond = z.beyond[t];
    return need01[i] == null || beyond == null ? null : need01[i] * beyond;
  });
  const ranks = tiedRanks(gap);
  return zones.map((z, i) => ({
    zone: z.zone,
    name: z.zone_name,
    circoscrizione: z.circoscrizione,
    population: z.population,
    share: z.share_within[t],
    beyond: z.beyond[t],
    meanMin: z.mean_min,
    need: need[i],
    need01: need01[i],
    gap: gap[i],
    rank: ranks[i].rank,
    tied: ranks[i].tied,
  }));
}
