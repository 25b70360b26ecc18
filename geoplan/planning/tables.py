"""Zone tables for council documents: the current state, a scenario, two scenarios compared.

Each table is a list of columns (key, translated header, kind) and rows keyed by column; the
files (CSV, XLSX) are written from it in `table_files`. Current figures come from the latest
run's ZoneAccess rows, scenario figures from the engine (`geoplan.planning.scenarios`); every
table rounds a measure the same way (see `figure`), its changes too.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from geoplan.access.models import AccessRun, Profile, ZoneAccess
from geoplan.analysis.measures import GAP_THRESHOLD_MIN
from geoplan.registry.models import ServiceCategory

from . import sources

TEXT, INT, FLOAT, SHARE = "text", "int", "float", "share"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = FLOAT


@dataclass
class Table:
    name: str  # the sheet's name and the file's stem
    columns: list[Column]
    rows: list[dict]
    about: list[tuple[str, str]] = field(default_factory=list)


# Decimals of each measure in every zone table, current or scenario: minutes to a tenth, shares
# to a thousandth (0.1 %), people to one, indices to a thousandth. The access score has no
# natural unit and spans orders of magnitude (0.00002 to 0.002 beds or sites per resident):
# it keeps significant digits instead.
DECIMALS = {
    "mean_min": 1,
    "share_within_10": 3,
    "share_within_15": 3,
    "share_within_20": 3,
    "need": 3,
    "need_percentile": 3,
    "gap_people": 0,
    "need_weighted_unserved": 0,
}
SIGNIFICANT = {"e2sfca_mean": 6}


def _round(value, digits: int):
    if value is None or value != value:
        return None
    if digits == 0:
        return int(round(value))
    # + 0.0 writes a rounded -0.0004 as 0.0, not -0.0.
    return round(value, digits) + 0.0


def _significant(value, digits: int):
    if value is None or value != value:
        return None
    return float(f"{value:.{digits}g}") + 0.0


def figure(measure: str, value):
    """``value`` of ``measure`` (or of its change) as the zone tables write it."""
    if measure in SIGNIFICANT:
        return _significant(value, SIGNIFICANT[measure])
    if measure in DECIMALS:
        return _round(value, DECIMALS[measure])
    return value


def threshold_of(run: AccessRun) -> int:
    return int(run.params.get("gap_threshold_min", GAP_THRESHOLD_MIN))


def zone_columns() -> list[Column]:
    return [
        Column("zone", _("Zone"), TEXT),
        Column("zone_name", _("Zone name"), TEXT),
        Column("circoscrizione", _("Circoscrizione"), TEXT),
    ]


def current_columns(threshold: int) -> list[Column]:
    t = {"t": threshold}
    return [
        *zone_columns(),
        Column("population", _("Residents"), INT),
        Column("mean_min", _("Mean walk (min)")),
        Column("share_within_10", _("Share within 10 min"), SHARE),
        Column("share_within_15", _("Share within 15 min"), SHARE),
        Column("share_within_20", _("Share within 20 min"), SHARE),
        Column("e2sfca_mean", _("E2SFCA (mean)")),
        Column("need", _("Need index")),
        Column("need_percentile", _("Need percentile (0-1)")),
        Column("residents_beyond", _("Residents beyond %(t)s min") % t, INT),
        Column("gap_people", _("Gap (need-weighted residents beyond %(t)s min)") % t),
        Column("gap_rank", _("Gap rank"), INT),
    ]


def current_rows(run: AccessRun, category: str) -> list[dict]:
    """The run's zone results for the category, by zone code, rounded by `figure`."""
    rows = (
        ZoneAccess.objects.filter(run=run, category=category)
        .select_related("zone__circoscrizione")
        .order_by("zone__code")
    )
    return [
        {
            "zone": r.zone.code,
            "zone_name": r.zone.name,
            "circoscrizione": str(r.zone.circoscrizione.number) if r.zone.circoscrizione else "",
            "population": r.population,
            "mean_min": figure("mean_min", r.mean_min),
            "share_within_10": figure("share_within_10", r.share_within_10),
            "share_within_15": figure("share_within_15", r.share_within_15),
            "share_within_20": figure("share_within_20", r.share_within_20),
            "e2sfca_mean": figure("e2sfca_mean", r.e2sfca_mean),
            "need": figure("need", r.need),
            "need_percentile": figure("need_percentile", r.need_01),
            "residents_beyond": r.residents_beyond,
            "gap_people": figure("gap_people", r.gap_people),
            "gap_rank": r.gap_rank,
        }
        for r in rows
    ]


# The zone measures of a scenario's results (see scenarios.scenario_results), in this order.
SCENARIO_MEASURES = (
    ("residents_within_15", INT),
    ("share_within_15", SHARE),
    ("need_weighted_unserved", FLOAT),
    ("mean_min", FLOAT),
    ("e2sfca_mean", FLOAT),
    ("gap_rank", INT),
)


def measure_labels() -> dict[str, str]:
    return {
        "residents_within_15": _("Residents within 15 min"),
        "share_within_15": _("Share within 15 min"),
        "need_weighted_unserved": _("Need-weighted residents beyond 15 min"),
        "mean_min": _("Mean walk (min)"),
        "e2sfca_mean": _("E2SFCA (mean)"),
        "gap_rank": _("Gap rank"),
    }


def _paired_columns(parts: list[tuple[str, str]]) -> list[Column]:
    labels = measure_labels()
    columns = []
    for measure, kind in SCENARIO_MEASURES:
        for part, part_label in parts:
            # A change of a rank or a count can be negative: it stays a number of its kind.
            columns.append(Column(f"{measure}_{part}", f"{labels[measure]}: {part_label}", kind))
    return columns


def _flatten(zone: dict, parts: tuple[str, ...], category_names: dict) -> dict:
    row = {
        "zone": zone["zone"],
        "zone_name": zone["zone_name"],
        "circoscrizione": str(zone.get("circoscrizione") or ""),
        "category": zone["category"],
        "category_name": category_names.get(zone["category"], zone["category"]),
        "population": zone.get("population"),
    }
    for measure, _kind in SCENARIO_MEASURES:
        for part in parts:
            row[f"{measure}_{part}"] = figure(measure, (zone.get(part) or {}).get(measure))
    return row


def _category_columns(with_category: bool) -> list[Column]:
    if not with_category:
        return []
    return [
        Column("category", _("Category code"), TEXT),
        Column("category_name", _("Category"), TEXT),
    ]


def category_names() -> dict[str, str]:
    language = get_language() or "it"
    return {c.code: c.name(language) for c in ServiceCategory.objects.all()}


def scenario_table(scenario, results: dict, category: str | None, run: AccessRun) -> Table:
    """Before, after and change per zone (and category, when none is chosen)."""
    parts = (
        ("before", _("before")),
        ("after", _("after")),
        ("delta", pgettext("difference", "change")),
    )
    names = category_names()
    zones = [z for z in results["zones"] if category is None or z["category"] == category]
    columns = [
        *zone_columns(),
        *_category_columns(category is None),
        Column("population", _("Residents"), INT),
        *_paired_columns(list(parts)),
    ]
    rows = [_flatten(z, ("before", "after", "delta"), names) for z in zones]
    about = [
        (_("Table"), _("Zones before and after a scenario")),
        (_("Scenario"), f"{scenario.pk}: {scenario.name}"),
        *_illustrative(scenario),
        (_("Scenario computed"), sources.when_iso(results.get("computed_at"))),
        *[(_("Warning"), w) for w in results.get("warnings") or []],
        *_common_about(category, results.get("profile") or Profile.STANDARD, run, names),
    ]
    return Table(_("Scenario"), columns, rows, about)


def comparison_table(a, b, results: dict, category: str | None, run: AccessRun) -> Table:
    """The changes each of two scenarios makes, and b's minus a's, per zone (and category)."""
    parts = (
        ("a", _("change with A (%(name)s)") % {"name": a.name}),
        ("b", _("change with B (%(name)s)") % {"name": b.name}),
        ("b_minus_a", _("B minus A")),
    )
    names = category_names()
    zones = [z for z in results["zones"] if category is None or z["category"] == category]
    columns = [
        *zone_columns(),
        *_category_columns(category is None),
        Column("population", _("Residents"), INT),
        *_paired_columns(list(parts)),
    ]
    rows = [_flatten(z, ("a", "b", "b_minus_a"), names) for z in zones]
    about = [
        (_("Table"), _("Two scenarios compared, by zone")),
        (_("Scenario A"), f"{a.pk}: {a.name}"),
        *_illustrative(a),
        (_("Scenario B"), f"{b.pk}: {b.name}"),
        *_illustrative(b),
        *[
            (_("Warning"), f"{side.upper()}: {w}")
            for side in ("a", "b")
            for w in (results.get(side) or {}).get("warnings") or []
        ],
        *_common_about(category, results.get("profile") or Profile.STANDARD, run, names),
    ]
    return Table(_("Comparison"), columns, rows, about)


def current_table(run: AccessRun, category: ServiceCategory) -> Table:
    names = category_names()
    about = [
        (_("Table"), _("Walking access and gap by zone, as of the latest run")),
        *_common_about(category.code, run.profile, run, names),
    ]
    return Table(
        _("Zones"), current_columns(threshold_of(run)), current_rows(run, category.code), about
    )


def _illustrative(scenario) -> list[tuple[str, str]]:
    if not scenario.is_illustrative:
        return []
    return [("", _("Illustrative scenario: not a plan of the city."))]


def _common_about(category, profile, run, names) -> list[tuple[str, str]]:
    rows = []
    if category:
        rows.append((_("Category"), f"{names.get(category, category)} ({category})"))
    else:
        rows.append((_("Category"), _("every category the scenarios change")))
    rows += [
        (_("Walking profile"), str(Profile(profile).label)),
        (_("Run"), sources.run_label(run)),
        (_("Exported"), sources.when(timezone.now())),
        (_("Licence"), f"{sources.LICENCE.name} ({sources.LICENCE.url})"),
    ]
    rows += [(_("Source"), line) for line in sources.source_lines()]
    return rows
