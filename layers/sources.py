"""Value providers for the legends of the catalogue's layers."""

from geoplan.territory.models import Zone


def zone_densities() -> list[float]:
    return [
        zone.population / zone.area_m2.sq_km
        for zone in Zone.objects.with_population()
        if zone.population is not None and zone.area_m2.sq_km
    ]
