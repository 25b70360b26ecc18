"""Real Celery workers on the real Redis broker, working on the test database.

The workers are separate processes that see only committed rows: what a test must show them is
written from another thread (its own connection, outside the test's transaction) with
`committed()`, and every job and run added is removed when the test ends.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings

from geoplan.celery import app as celery_app

ROOT = Path(settings.BASE_DIR)
QUEUES = ("recompute", "siting")


def test_database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    return f"postgis://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def purge_queues() -> None:
    with celery_app.connection_for_write() as conn:
        channel = conn.default_channel
        for queue in QUEUES:
            channel.queue_declare(queue=queue, durable=True, auto_delete=False)
            channel.queue_purge(queue)


class Worker:
    def __init__(self, name: str, queues: str, log_dir: Path):
        self.name = name
        self.log = log_dir / f"{name}.log"
        env = {
            **os.environ,
            "DATABASE_URL": test_database_url(),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "GEOPLAN_RECOMPUTE_ON_CHANGE": "0",
            "GEOPLAN_CACHE_DIR": str(settings.GEOPLAN_CACHE_DIR),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "geoplan", "worker", "-Q", queues,
             "-c", "1", "-n", f"{name}@%h", "--without-gossip", "--without-mingle",
             "--without-heartbeat", "-l", "INFO"],
            cwd=ROOT, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while "ready." not in self.log.read_text():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"worker {name} did not start:\n{self.log.read_text()}")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def pytest_collection_modifyitems(items):
    # The test database must exist even in a session of these tests alone.
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.django_db)


def committed(fn):
    """Run fn in a thread of its own: its writes commit at once, visible to the workers."""
    from django.db import connections

    out = {}

    def target():
        try:
            out["value"] = fn()
        except BaseException as exc:  # handed back to the test's thread
            out["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]
    return out.get("value")


@pytest.fixture
def clean_jobs(db):
    """Jobs and runs added by the test (and messages left in the queues) are removed after."""
    from geoplan.access.models import AccessRun
    from geoplan.jobs.models import Job

    last_run = AccessRun.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    last_job = Job.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    purge_queues()
    yield
    purge_queues()

    def remove():
        AccessRun.objects.filter(pk__gt=last_run).delete()
        Job.objects.filter(pk__gt=last_job).delete()

    committed(remove)


@pytest.fixture
def start_worker(clean_jobs, tmp_path):
    workers = []

    def start(name: str, queues: str = "recompute,siting") -> Worker:
        workers.append(Worker(name, queues, tmp_path))
        return workers[-1]

    yield start
    for w in workers:
        w.stop()


def wait_for(predicate, timeout=60.0, every=0.02, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")
