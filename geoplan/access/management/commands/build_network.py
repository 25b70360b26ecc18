import json
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from geoplan.access.inputs import shipped_network_files
from geoplan.analysis.network import network_from_csv, network_from_osm_file, network_from_place


class Command(BaseCommand):
    help = (
        "Compile the walking network to cached CSR arrays: from the shipped OSMnx CSVs (default), "
        "an OSM XML file (--osm-file) or an OSMnx download (--place, needs the internet)."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group()
        source.add_argument("--place", help='e.g. "Torino, Italy" (OSMnx, network_type="walk")')
        source.add_argument("--osm-file", help="an .osm XML extract")

    def handle(self, *args, place=None, osm_file=None, **options):
        t = time.perf_counter()
        cache = settings.GEOPLAN_CACHE_DIR
        try:
            if place:
                network = network_from_place(place, cache_dir=cache)
            elif osm_file:
                network = network_from_osm_file(osm_file, cache_dir=cache)
            else:
                network = network_from_csv(*shipped_network_files(), cache_dir=cache)
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            json.dumps(
                {
                    "nodes": network.n_nodes,
                    "edges": network.n_edges,
                    "km": round(network.length_m / 1000, 1),
                    "hash": network.source_hash,
                    "seconds": round(time.perf_counter() - t, 3),
                    "use_with": f"GEOPLAN_NETWORK=cache:{network.source_hash}",
                }
            )
        )
