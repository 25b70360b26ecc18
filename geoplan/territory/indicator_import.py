"""Import of indicator values from CSV (`zone_code,indicator,year,value`).

All or nothing: every row is checked first and any error rejects the whole file, listing each
bad row by its line number in the file (the header is line 1).
"""

import math
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from .csv_import import ImportRejected, RowError, read_csv
from .models import POPULATION_INDICATOR, Indicator, IndicatorValue, Zone

COLUMNS = ("zone_code", "indicator", "year", "value")
PERCENT = "%"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)


def _parse_year(raw: str) -> int:
    year = int(raw)
    if not 1900 <= year <= 2100:
        raise ValueError
    return year


def _parse_value(raw: str) -> float:
    # Strict: "1,5" could be 1.5 or 15 depending on locale, so it is refused rather than guessed.
    value = float(raw)
    if not math.isfinite(value):
        raise ValueError
    return value


def _out_of_range(code: str, unit: str, value: float, raw: str) -> str | None:
    """Why the value cannot be true of this indicator, or None."""
    if code == POPULATION_INDICATOR and not (value >= 0 and value.is_integer()):
        return _("population %(raw)r is not a whole number ≥ 0") % {"raw": raw}
    if unit.strip() == PERCENT and not 0 <= value <= 100:
        return _("value %(raw)r is a percentage outside 0–100") % {"raw": raw}
    return None


def read_rows(text: str) -> list[tuple[int, dict]]:
    rows = []
    for line, row in read_csv(text, COLUMNS):
        # csv puts surplus fields under the key None and fills missing ones with None.
        shape_error = None
        if row.get(None):
            shape_error = _("more fields than the header (a decimal comma?)")
        elif any(v is None for v in row.values()):
            shape_error = _("fewer fields than the header")
        clean = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}
        if not shape_error and not any(clean.values()):
            continue
        clean["_shape_error"] = shape_error
        rows.append((line, clean))
    return rows


def import_indicator_values(text: str) -> ImportResult:
    """Validate every row, then write them all in one transaction; raise ImportRejected."""
    rows = read_rows(text)
    zones = dict(Zone.objects.values_list("code", "pk"))
    indicators = {
        code: (pk, unit) for code, pk, unit in Indicator.objects.values_list("code", "pk", "unit")
    }
    errors: list[RowError] = []
    parsed: dict[tuple[int, int, int], tuple[int, float]] = {}
    for line, row in rows:
        if row["_shape_error"]:
            errors.append(RowError(line, row["_shape_error"]))
            continue
        reasons = []
        zone_id = zones.get(row["zone_code"])
        if zone_id is None:
            reasons.append(_("unknown zone %(code)r") % {"code": row["zone_code"]})
        indicator_id, unit = indicators.get(row["indicator"], (None, ""))
        if indicator_id is None:
            reasons.append(_("unknown indicator %(code)r") % {"code": row["indicator"]})
        try:
            year = _parse_year(row["year"])
        except ValueError:
            reasons.append(
                _("year %(raw)r is not a year between 1900 and 2100") % {"raw": row["year"]}
            )
            year = None
        try:
            value = _parse_value(row["value"])
        except ValueError:
            reasons.append(_("value %(raw)r is not a number") % {"raw": row["value"]})
            value = None
        if value is not None and indicator_id is not None:
            out_of_range = _out_of_range(row["indicator"], unit, value, row["value"])
            if out_of_range:
                reasons.append(out_of_range)
        if not reasons:
            key = (zone_id, indicator_id, year)
            if key in parsed:
                reasons.append(
                    _("duplicate of line %(line)d (same zone, indicator and year)")
                    % {"line": parsed[key][0]}
                )
            else:
                parsed[key] = (line, value)
        errors.extend(RowError(line, reason) for reason in reasons)
    if errors:
        raise ImportRejected(errors)
    if not parsed:
        raise ImportRejected([RowError(1, _("the file holds no data rows"))])

    result = ImportResult(rows=len(parsed))
    with transaction.atomic():
        existing = {
            (v.zone_id, v.indicator_id, v.year): v
            for v in IndicatorValue.objects.select_for_update().filter(
                indicator_id__in={k[1] for k in parsed}
            )
        }
        for (zone_id, indicator_id, year), (_line, value) in parsed.items():
            current = existing.get((zone_id, indicator_id, year))
            if current is None:
                IndicatorValue.objects.create(
                    zone_id=zone_id, indicator_id=indicator_id, year=year, value=value
                )
                result.created += 1
            elif current.value != value:
                current.value = value
                current.save(update_fields=["value"])
                result.updated += 1
            else:
                result.unchanged += 1
    return result
