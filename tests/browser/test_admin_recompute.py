"""Staff ask for a recompute from the admin and watch it reach 100 % as a real worker runs it."""

import pytest

from tests.jobs.conftest import Worker, committed, purge_queues


@pytest.fixture
def staff_and_worker(tmp_path):
    from django.contrib.auth import get_user_model

    from geoplan.access.models import AccessRun
    from geoplan.jobs.models import Job

    user_model = get_user_model()
    last_run = AccessRun.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    last_job = Job.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    committed(
        lambda: user_model.objects.create_user(
            "staff-recompute", "s@example.org", "s-pass", is_staff=True, is_superuser=True
        )
    )
    purge_queues()
    worker = Worker("admin-recompute", "recompute", tmp_path)
    yield "staff-recompute", "s-pass"
    worker.stop()
    purge_queues()

    def remove():
        AccessRun.objects.filter(pk__gt=last_run).delete()
        Job.objects.filter(pk__gt=last_job).delete()
        user_model.objects.filter(username="staff-recompute").delete()

    committed(remove)


def test_the_admin_button_starts_a_recompute_and_shows_its_progress(
    site_url, page, staff_and_worker
):
    username, password = staff_and_worker
    page.goto(f"{site_url}/admin/login/?next=/admin/access/accessrun/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.click("[data-start-job]")
    box = page.locator("#recompute-progress")
    page.wait_for_function(
        "document.getElementById('recompute-progress').dataset.status === 'succeeded'",
        timeout=60_000,
    )
    assert page.locator("#recompute-progress progress").get_attribute("value") == "100"
    assert "100%" in box.inner_text()
    assert not page.js_errors
