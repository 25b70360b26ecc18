"""Value providers for the legends of the catalogue's layers."""

from geoplan.access.models import AccessRun, CellAccess, ZoneAccess
from geoplan.territory.models import Zone


def zone_densities() -> list[float]:
    return Zone.objects.with_population().densities_per_km2()


def cell_nearest_minutes(category: str | None, profile: str) -> list[float]:
    run = AccessRun.objects.latest_completed(profile)
    if run is None or not category:
        return []
    return list(
        CellAccess.objects.filter(cell__run=run, category=category).values_list(
            "nearest_min", flat=True
        )
    )


def zone_gaps(category: str | None, profile: str) -> list[float]:
    run = AccessRun.objects.latest_completed(profile)
    if run is None or not category:
        return []
    return list(ZoneAccess.objects.filter(run=run, category=category).values_list("gap", flat=True))
