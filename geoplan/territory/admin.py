from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from leaflet.admin import LeafletGeoAdmin

from .indicator_import import COLUMNS, ImportRejected, ImportResult, import_indicator_values
from .models import Circoscrizione, City, Indicator, IndicatorLayer, IndicatorValue, Zone
from .upload import CsvImportAdminMixin


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
    list_display = [
        "code",
        "label_en",
        "label_it",
        "unit",
        "kind",
        "year_label",
        "geography",
        "higher_means_more_need",
        "in_default_need",
    ]
    list_filter = ["kind", "level", "in_default_need"]
    search_fields = ["code", "label_it", "label_en"]
    # What the values were made from is fixed by the import; labels, direction and default use
    # are for staff to set.
    readonly_fields = ["kind", "level", "layer", "numerator", "denominator", "scale", "method"]

    @admin.display(description=_("year"))
    def year_label(self, obj):
        return obj.year_label


@admin.register(IndicatorLayer)
class IndicatorLayerAdmin(admin.ModelAdmin):
    """Layers are records of an import (`manage.py import_indicator_layer`): read, not edited."""

    list_display = ["name", "geography", "features", "id_field", "imported_at"]
    readonly_fields = [f.name for f in IndicatorLayer._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(IndicatorValue)
class IndicatorValueAdmin(CsvImportAdminMixin, admin.ModelAdmin):
    list_display = ["indicator", "zone", "year", "value"]
    list_filter = ["indicator", "year"]
    search_fields = ["zone__code", "zone__name"]
    list_select_related = ["indicator", "zone"]

    csv_import = staticmethod(import_indicator_values)
    csv_import_rejected = ImportRejected
    csv_import_title = _("Import indicator values from CSV")
    csv_import_columns = COLUMNS
    csv_import_help = _(
        "One value per zone, indicator and year; the indicator must already exist (by its code) and "
        "values use a decimal point. Existing values are updated. A file with any bad row is "
        "refused whole."
    )

    def csv_import_report(self, request, result: ImportResult) -> None:
        summary = ngettext(
            "%(rows)d row: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.",
            "%(rows)d rows: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.",
            result.rows,
        )
        counts = {
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        }
        self.message_user(request, summary % counts, messages.SUCCESS)
