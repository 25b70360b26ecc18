from django.core.management.base import BaseCommand

from geoplan.territory.loading import load_territory


class Command(BaseCommand):
    help = "Load (or refresh) Turin's boundary, circoscrizioni, zone statistiche and indicators."

    def handle(self, *args, **options):
        report = load_territory()
        for kind, counts in report.items():
            total = sum(counts.values())
            detail = ", ".join(f"{n} {outcome}" for outcome, n in counts.items())
            self.stdout.write(f"{kind}: {total} ({detail})")
