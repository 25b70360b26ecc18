"""The plan's KPIs over time: the KPI snapshots of the completed runs, as rows (the API, the CSV and
XLSX exports) and as one series per category and figure (the monitoring page).

Only the runs the maps show count: real services, illustrative records left out.
"""

from dataclasses import dataclass

from django.utils import timezone

from geoplan.access.models import AccessRun, KpiSnapshot
from geoplan.registry.models import ServiceCategory

# The columns of every row, in this order (the API's keys, the exports' header).
COLUMNS = (
    "taken_at",
    "run",
    "profile",
    "category",
    "category_name",
    "population",
    "n_sites",
    "share_within_15",
    "need_weighted_unserved",
    "mean_min",
    "gini_nearest_min",
)
# The figures charted, in the page's order.
FIGURES = ("share_within_15", "need_weighted_unserved", "mean_min", "gini_nearest_min")


def _categories(language: str) -> tuple[dict[str, str], dict[str, int]]:
    """Names and positions of the registry's categories."""
    categories = list(ServiceCategory.objects.order_by("order", "code"))
    names = {c.code: c.name(language) for c in categories}
    return names, {c.code: i for i, c in enumerate(categories)}


def snapshots(category: str | None = None, profile: str | None = None):
    """The snapshots of the runs the maps show, optionally of one category and walking profile."""
    rows = KpiSnapshot.objects.filter(
        run__status=AccessRun.Status.COMPLETED, run__params__include_illustrative=False
    )
    if category:
        rows = rows.filter(category=category)
    if profile:
        rows = rows.filter(profile=profile)
    return rows


def snapshot_rows(
    language: str, category: str | None = None, profile: str | None = None
) -> list[dict]:
    """Every snapshot as a dict of :data:`COLUMNS` (``taken_at`` a datetime in the current time
    zone), by category in the registry's order, then walking profile, then time."""
    names, position = _categories(language)
    rows = [
        {
            "taken_at": timezone.localtime(s.taken_at),
            "run": s.run_id,
            "profile": s.profile,
            "category": s.category,
            # A category removed from the registry since keeps its code as its name.
            "category_name": names.get(s.category, s.category),
            "population": s.population,
            "n_sites": s.n_sites,
            "share_within_15": s.share_within_15,
            "need_weighted_unserved": s.need_weighted_unserved,
            "mean_min": s.mean_min,
            "gini_nearest_min": s.gini_nearest_min,
        }
        for s in snapshots(category, profile)
    ]
    rows.sort(
        key=lambda r: (
            position.get(r["category"], len(position)),
            r["category"],
            r["profile"],
            r["taken_at"],
            r["run"],
        )
    )
    return rows


@dataclass(frozen=True)
class CategorySeries:
    """One category's snapshots of one walking profile, oldest first."""

    code: str
    name: str
    rows: list[dict]

    @property
    def latest(self) -> dict:
        return self.rows[-1]

    def points(self, figure: str) -> list[tuple]:
        """(taken_at, value or None) of one of :data:`FIGURES`, oldest first."""
        return [(r["taken_at"], r[figure]) for r in self.rows]


def series_by_category(language: str, profile: str) -> list[CategorySeries]:
    """The snapshots of ``profile``, one series per category that has any, in the registry's
    order."""
    grouped: dict[str, list[dict]] = {}
    for row in snapshot_rows(language, profile=profile):
        grouped.setdefault(row["category"], []).append(row)
    return [CategorySeries(code, rows[0]["category_name"], rows) for code, rows in grouped.items()]
