"""How long the partner side takes: filing a proposal, approving it, the moderation queue.

Run: ``make bench`` or ``.venv/bin/python bench/bench_moderation.py`` with ``DATABASE_URL``
pointing at a loaded database (``make data``). Everything runs inside one transaction that is
rolled back at the end, so the database is left as it was (no recompute is asked for). One JSON
line per figure, times in milliseconds (median and 95th percentile of ``--repeat`` runs):

- ``propose``: a new site with one service and weekly hours, validated (inside Turin, hours
  through opening-hours-py, location warnings against the street network) and filed;
- ``approve``: applying it (site, service, schedule rows, history, conflict check);
- ``queue``: the moderators' queue page with ``--pending`` requests waiting (conflicts checked
  for each);
- ``upload``: a 500-row CSV of new sites checked row by row, then filed as 500 requests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geoplan.settings")
os.environ["GEOPLAN_RECOMPUTE_ON_CHANGE"] = "0"


def _ms(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, 1),
        "n": len(ordered),
    }


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--pending", type=int, default=100)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import transaction
    from django.test import Client
    from django.test.utils import setup_test_environment

    from geoplan.accounts.creation import create_account
    from geoplan.moderation import workflow
    from geoplan.partner.bulk import check_rows, file_proposals, read_file
    from geoplan.registry.models import Organization
    from geoplan.registry.site_import import default_geocoder

    setup_test_environment()
    default_geocoder()  # built once per process: not part of a request's time
    lines = []
    try:
        with transaction.atomic():
            org = Organization.objects.create(name="Bench organisation", is_illustrative=True)
            partner = create_account("bench.partner@example.org", "partner", [org.pk])
            moderator = create_account("bench.moderator@example.org", "moderator")

            def proposal(i: int) -> dict:
                # Points along Via Nizza, inside Turin, one address each.
                return {
                    "site": {
                        "name": f"Bench site {i}",
                        "address": f"Via Nizza {200 + i}, Torino",
                        "location": {"lon": 7.6745, "lat": 45.0495 - i * 0.00005},
                    },
                    "services": [
                        {
                            "category": "food_distribution",
                            "name": "Pacchi",
                            "hours": [
                                {
                                    "weekday": d,
                                    "opens_at": "09:00",
                                    "closes_at": "13:00",
                                    "valid_from": None,
                                    "valid_to": None,
                                }
                                for d in range(1, 6)
                            ],
                            "closed_on_public_holidays": True,
                        }
                    ],
                }

            filed, approved = [], []
            for i in range(args.repeat):
                start = time.perf_counter()
                change = workflow.propose(partner, proposal(i))
                filed.append(time.perf_counter() - start)
                start = time.perf_counter()
                workflow.approve(change.pk, moderator)
                approved.append(time.perf_counter() - start)
            lines.append({"figure": "propose", **_ms(filed)})
            lines.append({"figure": "approve", **_ms(approved)})

            for i in range(args.pending):
                workflow.propose(partner, proposal(args.repeat + i))
            client = Client()
            client.force_login(moderator)
            pages = []
            for _ in range(10):
                start = time.perf_counter()
                response = client.get("/moderation/")
                pages.append(time.perf_counter() - start)
                assert response.status_code == 200
            lines.append({"figure": "queue", "pending": args.pending, **_ms(pages)})

            header = "site_name,address,lon,lat,category,service_name,opening_hours\n"
            rows = "".join(
                f"Bench upload {i},Via Nizza {1000 + i},7.6745,{45.0495 - i * 0.00002:.6f},"
                "food_distribution,Pacchi,Mo-Fr 09:00-13:00\n"
                for i in range(500)
            )
            start = time.perf_counter()
            report = check_rows(read_file("bench.csv", (header + rows).encode()), partner)
            checked = time.perf_counter() - start
            start = time.perf_counter()
            filed = file_proposals(report, partner) if report.ok else []
            lines.append(
                {
                    "figure": "upload",
                    "rows": 500,
                    "ok": report.ok,
                    "check_ms": round(checked * 1000, 1),
                    "file_ms": round((time.perf_counter() - start) * 1000, 1),
                    "requests": len(filed),
                }
            )
            raise Rollback
    except Rollback:
        pass
    for line in lines:
        print(json.dumps(line))


if __name__ == "__main__":
    main()
