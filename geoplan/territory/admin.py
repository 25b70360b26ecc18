from django.contrib import admin
from leaflet.admin import LeafletGeoAdmin

from .models import Circoscrizione, City, Indicator, IndicatorValue, Zone


@admin.register(City)
class CityAdmin(LeafletGeoAdmin):
    list_display = ["name", "istat_code"]


@admin.register(Circoscrizione)
class CircoscrizioneAdmin(LeafletGeoAdmin):
    list_display = ["number", "name"]


@admin.register(Zone)
class ZoneAdmin(LeafletGeoAdmin):
    list_display = ["code", "name", "circoscrizione"]
    list_filter = ["circoscrizione"]
    search_fields = ["code", "name"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "label_en", "label_it", "unit", "level", "higher_means_more_need"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "zone", "year", "value"]
    list_filter = ["indicator", "year"]
    search_fields = ["zone__code", "zone__name"]
    list_select_related = ["indicator", "zone"]
