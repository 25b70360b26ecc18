"""The admin's "Import sites from CSV" page: the importer of `import_sites`, behind an upload."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from geoplan.registry.models import Service, Site
from geoplan.territory.upload import MAX_UPLOAD_BYTES

URL = "/admin/registry/site/import/"
CHANGELIST = "/admin/registry/site/"
SHIPPED = Path(settings.FIXTURES_DIR) / "services" / "sites_from_public_sources.csv"
HEADER = SHIPPED.read_text(encoding="utf-8").splitlines(keepends=True)[0]
TURIN = (
    'Sportello di prova,social_desk,"Via Garibaldi 1, Torino",45.0712,7.6858,building,,,,,2025,,\n'
)
MILAN = (
    'Sportello milanese,social_desk,"Piazza del Duomo 1, Milano",45.4642,9.19,building,,,,,2025,,\n'
)


def csv_file(text, name="sites.csv", content_type="text/csv", encoding="utf-8"):
    data = text if isinstance(text, bytes) else text.encode(encoding)
    return SimpleUploadedFile(name, data, content_type=content_type)


def snapshot():
    return (
        sorted(Site.objects.values_list("name", "address", "geom")),
        Service.objects.count(),
    )


def upload(client, user, file):
    client.force_login(user)
    return client.post(URL, {"file": file})


def messages_of(response):
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_the_changelist_links_to_the_import_page(client, planner):
    client.force_login(planner)
    page = client.get(CHANGELIST).content.decode()
    assert URL in page and "Import sites from CSV" in page


def test_the_import_page_shows_the_form_and_the_columns(client, planner):
    client.force_login(planner)
    page = client.get(URL).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert "<code>coord_precision</code>" in page
    assert 'class="breadcrumbs"' in page


def test_it_imports_a_valid_csv(client, planner):
    response = upload(client, planner, csv_file(HEADER + TURIN))
    assert response.status_code == 302
    assert response.url == CHANGELIST
    site = Site.objects.get(address="Via Garibaldi 1, Torino")
    assert site.zone is not None
    assert site.services.get().category.code == "social_desk"
    assert messages_of(response) == [
        (
            "success",
            "1 row: located 1 (building 1, street 0), unlocated 0; sites created 1, updated 0, "
            "unchanged 0; services created 1, updated 0, unchanged 0.",
        )
    ]


def test_it_accepts_a_utf8_file_with_a_byte_order_mark(client, planner):
    response = upload(client, planner, csv_file(HEADER + TURIN, encoding="utf-8-sig"))
    assert response.status_code == 302
    assert Site.objects.filter(address="Via Garibaldi 1, Torino").exists()


def test_it_lists_each_site_needing_a_location(client, planner):
    row = 'Sportello nascosto,social_desk,"Piazza Inesistente 1, Torino",,,,,,,,2025,,\n'
    response = upload(client, planner, csv_file(HEADER + TURIN + row))
    assert response.status_code == 302
    found = messages_of(response)
    assert found[0][0] == "success" and "unlocated 1" in found[0][1]
    assert found[1][0] == "warning"
    assert found[1][1].startswith("Needs a location: Sportello nascosto (Piazza Inesistente 1")
    assert Site.objects.get(address__startswith="Piazza Inesistente").geom is None


def test_it_shows_every_bad_row_and_imports_nothing(client, planner):
    before = snapshot()
    bad_category = TURIN.replace("social_desk", "nonsense")
    response = upload(client, planner, csv_file(HEADER + MILAN + bad_category))
    assert response.status_code == 200
    page = response.content.decode()
    assert "line 2:" in page and "outside the City of Turin" in page
    assert "line 3: unknown category" in page
    assert "nothing was imported" in page
    assert snapshot() == before
    assert messages_of(response) == []


def test_it_refuses_an_oversized_upload(client, planner):
    before = snapshot()
    response = upload(client, planner, csv_file(b"a" * (MAX_UPLOAD_BYTES + 1)))
    assert response.status_code == 200
    page = response.content.decode()
    assert "too large" in page
    assert f"{MAX_UPLOAD_BYTES + 1} bytes" in page and "2 MiB" in page
    assert snapshot() == before


def test_it_refuses_a_file_that_is_not_utf8(client, planner):
    before = snapshot()
    latin1 = (HEADER + TURIN.replace("Sportello", "Sportello già")).encode("latin-1")
    response = upload(client, planner, csv_file(latin1))
    assert response.status_code == 200
    assert "not UTF-8 text" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf\n  \n"])
def test_it_refuses_an_empty_file(client, planner, content):
    response = upload(client, planner, csv_file(content))
    assert response.status_code == 200
    assert "The file is empty." in response.content.decode()


def test_it_refuses_a_file_that_is_not_csv(client, planner):
    before = snapshot()
    file = csv_file(HEADER + TURIN, name="sites.xlsx", content_type="application/octet-stream")
    response = upload(client, planner, file)
    assert response.status_code == 200
    assert "is not a CSV file" in response.content.decode()
    assert snapshot() == before


def test_an_outsider_is_sent_to_the_login_page_and_nothing_is_imported(client, outsider):
    before = snapshot()
    response = upload(client, outsider, csv_file(HEADER + TURIN))
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert snapshot() == before


def test_staff_without_the_add_permission_is_forbidden(client, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_site"))
    before = snapshot()
    assert upload(client, clerk, csv_file(HEADER + TURIN)).status_code == 403
    assert "Import sites from CSV" not in client.get(CHANGELIST).content.decode()
    assert snapshot() == before


def test_it_shows_a_row_refused_while_saving_and_imports_nothing(client, planner):
    before = snapshot()
    # Over the database's integer range: caught only by the model's validation, while saving.
    huge = TURIN.replace(",,,,,2025", ",99999999999,beds,,,2025")
    response = upload(client, planner, csv_file(HEADER + huge))
    assert response.status_code == 200
    page = response.content.decode()
    assert "line 2: capacity: Ensure this value is less than or equal to" in page
    assert "nothing was imported" in page
    assert snapshot() == before
