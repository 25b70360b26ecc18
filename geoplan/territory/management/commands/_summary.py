from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

OUTCOMES = {
    "created": gettext_lazy("created"),
    "updated": gettext_lazy("updated"),
    "unchanged": gettext_lazy("unchanged"),
}


def write_layer_summary(out, result) -> None:
    """Print what an indicator-layer import stored, with every count's totals side by side."""
    out.write(
        _("%(layer)s: %(features)d polygons apportioned to %(zones)d zones; values %(values)s")
        % {
            "layer": result.layer,
            "features": result.features,
            "zones": result.zones,
            "values": ", ".join(f"{n} {OUTCOMES[k]}" for k, n in result.values.items()),
        }
    )
    for code, (source, zones) in result.totals.items():
        out.write(
            _("  %(code)s: source total %(source).1f, zones total %(zones).1f")
            % {"code": code, "source": source, "zones": zones}
        )
    if result.repaired:
        out.write(
            _("  invalid polygons mended (area unchanged within 0.1%%): %(ids)s")
            % {"ids": ", ".join(result.repaired)}
        )
    if result.area_fallback:
        out.write(
            _("  apportioned by area (no street inside): %(ids)s")
            % {"ids": ", ".join(result.area_fallback)}
        )
