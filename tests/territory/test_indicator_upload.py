"""The admin's "Import indicator values from CSV" page, on the importer of `import_indicators`."""

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from geoplan.territory.models import IndicatorValue
from geoplan.territory.upload import MAX_UPLOAD_BYTES

URL = "/admin/territory/indicatorvalue/import/"
CHANGELIST = "/admin/territory/indicatorvalue/"
HEADER = "zone_code,indicator,year,value\n"
GOOD = HEADER + "01,unemployment,2023,7.5\n02,unemployment,2023,9\n"


def csv_file(data, name="values.csv", content_type="text/csv"):
    return SimpleUploadedFile(name, data.encode() if isinstance(data, str) else data, content_type)


def snapshot():
    return sorted(
        IndicatorValue.objects.values_list("zone__code", "indicator__code", "year", "value")
    )


def upload(client, user, file):
    client.force_login(user)
    return client.post(URL, {"file": file})


def test_the_changelist_links_to_the_import_page(client, planner):
    client.force_login(planner)
    page = client.get(CHANGELIST).content.decode()
    assert URL in page and "Import indicator values from CSV" in page


def test_it_imports_a_valid_csv(client, planner, unemployment):
    response = upload(client, planner, csv_file(GOOD))
    assert response.status_code == 302
    assert response.url == CHANGELIST
    assert IndicatorValue.objects.get(zone__code="02", indicator=unemployment).value == 9.0
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "2 rows: 2 created, 0 updated, 0 unchanged."
    ]
    client.get(CHANGELIST)  # shows, and so consumes, the first message
    again = upload(client, planner, csv_file(GOOD.replace("7.5", "8")))
    assert [str(m) for m in get_messages(again.wsgi_request)] == [
        "2 rows: 0 created, 1 updated, 1 unchanged."
    ]


def test_it_shows_every_bad_row_and_imports_nothing(client, planner, unemployment):
    before = snapshot()
    bad = GOOD + "X77,unemployment,2023,1\n03,unemployment,2023,abc\n"
    response = upload(client, planner, csv_file(bad))
    assert response.status_code == 200
    page = response.content.decode()
    assert "line 4: unknown zone" in page and "X77" in page
    assert "line 5: value" in page and "is not a number" in page
    assert "Correct these 2 problems" in page and "nothing was imported" in page
    assert snapshot() == before


def test_it_refuses_an_oversized_upload(client, planner, unemployment):
    before = snapshot()
    big = GOOD + "#" * (MAX_UPLOAD_BYTES + 1 - len(GOOD))
    response = upload(client, planner, csv_file(big))
    assert response.status_code == 200
    assert f"{MAX_UPLOAD_BYTES + 1} bytes, over the limit of 2 MiB" in response.content.decode()
    assert snapshot() == before


def test_it_refuses_a_file_that_is_not_utf8(client, planner, unemployment):
    before = snapshot()
    response = upload(client, planner, csv_file(GOOD.encode("utf-16")))
    assert response.status_code == 200
    assert "not UTF-8 text" in response.content.decode()
    assert snapshot() == before


def test_it_refuses_a_file_the_csv_reader_cannot_parse(client, planner, unemployment):
    before = snapshot()
    # One field over the csv module's limit (131,072 characters) stops the reader itself.
    response = upload(client, planner, csv_file(GOOD + "01," + "x" * 140_000 + ",2024,1\n"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "cannot be read as CSV" in page and "nothing was imported" in page
    assert snapshot() == before


def test_an_outsider_is_sent_to_the_login_page_and_nothing_is_imported(
    client, outsider, unemployment
):
    before = snapshot()
    response = upload(client, outsider, csv_file(GOOD))
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert snapshot() == before
