"""The workspace's in-browser re-ranking (static/js/needcalc.js) written again in Python, from the
need-profile answer, to check the page against: need (weighted mean of the zone's z-scores, in
the answer's indicator order), need percentile (rank "max"), gap in people at t minutes and its
rank (1 = worst, ties to 9 significant digits share the lowest rank)."""


def recompute(answer: dict, weights: dict, t: str = "15"):
    """(need, need percentile, gap in people, rank), each {zone code: value}."""
    needs = {}
    for zone in answer["zones"]:
        total = weight = 0.0
        for indicator in answer["indicators"]:
            z, w = zone["z"].get(indicator["code"]), weights.get(indicator["code"], 0)
            if z is not None and w > 0:
                total += z * w
                weight += w
        needs[zone["zone"]] = total / weight if weight > 0 else None
    known = [v for v in needs.values() if v is not None]
    pct = {k: sum(o <= v for o in known) / len(known) for k, v in needs.items() if v is not None}
    gaps = {z["zone"]: pct[z["zone"]] * z["beyond"][t] for z in answer["zones"]}
    keys = {k: float(f"{v:.9g}") for k, v in gaps.items()}
    ranks = {k: 1 + sum(o > v for o in keys.values()) for k, v in keys.items()}
    return needs, pct, gaps, ranks


def rank_labels(ranks: dict) -> dict:
    """{zone: "3"}, or "=3" where zones share the rank."""
    counts = {}
    for r in ranks.values():
        counts[r] = counts.get(r, 0) + 1
    return {k: f"={r}" if counts[r] > 1 else str(r) for k, r in ranks.items()}
