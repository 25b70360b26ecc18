"""A partner uploads its sites and services as CSV or XLSX: every row is checked, a preview is
shown, and only then one change request per site is filed (all or none)."""

import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from geoplan.accounts.models import Membership
from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.proposal import ProposalError
from geoplan.partner import bulk
from geoplan.registry.models import Organization, Service, Site

UPLOADS = Path(settings.FIXTURES_DIR) / "tests" / "upload"
NEW_SITES = UPLOADS / "new_sites.csv"
BACKEND = "geoplan.accounts.backends.EmailBackend"
HEADER = (
    "site_id,site_name,address,lon,lat,service_id,category,service_name,phone,email,opening_hours"
)


def _partner(django_user_model, username, organisation):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pass")
    user.groups.add(Group.objects.get_or_create(name="partner")[0])
    Membership.objects.create(user=user, organization=organisation)
    return user


@pytest.fixture
def org_a(db):
    return Organization.objects.create(name="Organisation A (test)")


@pytest.fixture
def org_b(db):
    return Organization.objects.create(name="Organisation B (test)")


@pytest.fixture
def partner_a(django_user_model, org_a):
    return _partner(django_user_model, "partner_a", org_a)


@pytest.fixture
def partner_b(django_user_model, org_b):
    return _partner(django_user_model, "partner_b", org_b)


@pytest.fixture
def site_a(org_a):
    """A registered site of the real data, run by organisation A, with a service."""
    site = Site.objects.filter(geom__isnull=False, services__isnull=False).order_by("pk").first()
    site.organization = org_a
    site.save()
    return site


@pytest.fixture
def site_b(org_b):
    site = Site.objects.filter(geom__isnull=False, services__isnull=False).order_by("-pk").first()
    site.organization = org_b
    site.save()
    return site


@pytest.fixture
def as_a(client, partner_a):
    client.force_login(partner_a, backend=BACKEND)
    return client


@pytest.fixture
def as_b(client, partner_b):
    client.force_login(partner_b, backend=BACKEND)
    return client


def _upload(client, name, content: bytes):
    return client.post(
        reverse("partner:upload"), {"file": SimpleUploadedFile(name, content)}, follow=False
    )


def _counts():
    return ChangeRequest.objects.count(), Site.objects.count(), Service.objects.count()


def _rows_of(response) -> dict[int, str]:
    """Each report row's text, by line number."""
    html = response.content.decode()
    rows = {}
    for match in re.finditer(r"<tr[^>]*>\s*<td>line (\d+)</td>(.*?)</tr>", html, re.S):
        rows[int(match[1])] = re.sub(r"<[^>]+>", " ", match[2])
    return rows


def _xlsx(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _submit_preview(client):
    preview = client.get(reverse("partner:upload_submit"))
    assert preview.status_code == 200
    token = re.search(r'name="token" value="([^"]+)"', preview.content.decode())[1]
    return preview, client.post(reverse("partner:upload_submit"), {"token": token}, follow=True)


# ---------------------------------------------------------------------------------------------
# Good files
# ---------------------------------------------------------------------------------------------
def test_a_good_csv_with_two_new_sites_is_previewed_then_filed(as_a, org_a):
    before = _counts()
    response = _upload(as_a, "new_sites.csv", NEW_SITES.read_bytes())
    assert response.status_code == 302
    assert response["Location"] == reverse("partner:upload_submit")
    assert _counts() == before  # checked, nothing filed yet

    preview, done = _submit_preview(as_a)
    page = preview.content.decode()
    assert page.count('class="card"') == 2
    assert "Submit 2 change requests" in page
    assert "Casa Prova Aurora" in page and "Rifugio Prova Santa Rita" in page
    assert "Monday: 12:00–14:00" in page and "Tuesday: 09:00–12:00" in page
    assert 'name="csrfmiddlewaretoken"' in page

    assert done.status_code == 200
    assert "2 change requests sent for review" in done.content.decode()
    changes = ChangeRequest.objects.order_by("pk")[before[0] :]
    assert len(changes) == 2
    assert {c.status for c in changes} == {ChangeRequest.Status.PENDING}
    assert {c.source for c in changes} == {ChangeRequest.Source.UPLOAD}
    assert all(c.creates_site and c.site is None and c.organization == org_a for c in changes)
    aurora = next(c for c in changes if c.payload["site"]["name"] == "Casa Prova Aurora")
    assert [s["name"] for s in aurora.payload["services"]] == ["Pasti caldi", "Sportello ascolto"]
    meals = aurora.payload["services"][0]
    assert meals["capacity"] == 40 and meals["target_groups"] == ["homeless", "migrants"]
    assert meals["closed_on_public_holidays"] is True and meals["step_free_access"] is True
    assert [h["weekday"] for h in meals["hours"]] == [1, 2, 3, 4, 5]
    assert aurora.payload["services"][1]["step_free_access"] is True  # "sì"
    # No site or service is written before a moderator approves.
    assert _counts()[1:] == before[1:]
    # The kept rows are gone: the same preview cannot be filed twice.
    again = as_a.get(reverse("partner:upload_submit"))
    assert again.status_code == 302


def test_a_good_xlsx_works_the_same(as_a):
    before = _counts()
    content = _xlsx(
        [
            ["Site_Name", "Address", "LON", "lat", "category", "service_name", "opening_hours"],
            ["Casa Prova Xlsx", "Via Excel 3", 7.6858, 45.0712, "food_distribution", "Pasti", None],
            [
                "Casa Prova Xlsx",
                "Via Excel 3",
                7.6858,
                45.0712,
                "social_desk",
                "Ascolto",
                "Mo 09:00-12:00",
            ],
            [None, None, None, None, None, None, None],
            ["Altro Prova Xlsx", "Via Excel 5", 7.64, 45.045, "night_shelter", "Letti", None],
        ]
    )
    response = _upload(as_a, "sites.xlsx", content)
    assert response.status_code == 302
    _preview, done = _submit_preview(as_a)
    assert "2 change requests sent for review" in done.content.decode()
    changes = ChangeRequest.objects.order_by("pk")[before[0] :]
    assert sorted(c.payload["site"]["name"] for c in changes) == [
        "Altro Prova Xlsx",
        "Casa Prova Xlsx",
    ]
    assert _counts()[1:] == before[1:]


def test_a_semicolon_csv_updates_a_registered_site(as_a, site_a):
    service = site_a.services.first()
    content = (
        "site_id;service_id;category;service_name;phone;opening_hours\n"
        f"{site_a.pk};{service.pk};;;011 000 1111;Mo-Fr 09:00-13:00; \n"
        f'{site_a.pk};;social_desk;Nuovo sportello prova;;"Sa 09:00-12:00; PH off"\n'
    ).encode()
    response = _upload(as_a, "update.csv", content)
    assert response.status_code == 302, _rows_of(response)
    preview, _done = _submit_preview(as_a)
    assert "Submit 1 change request" in preview.content.decode()
    change = ChangeRequest.objects.latest("pk")
    assert change.site == site_a and not change.creates_site
    assert change.payload["services"][0]["id"] == service.pk
    assert change.payload["services"][0]["phone"] == "011 000 1111"
    assert change.payload["services"][1]["name"] == "Nuovo sportello prova"
    assert change.base["services"][0]["id"] == service.pk


def test_rows_giving_the_current_values_are_left_out(as_a, site_a):
    content = f"site_id,site_name\n{site_a.pk},{site_a.name}\n".encode()
    response = _upload(as_a, "same.csv", content)
    assert response.status_code == 200
    assert "there is nothing to send" in response.content.decode()
    assert "no change" in _rows_of(response)[2]


# ---------------------------------------------------------------------------------------------
# Errors: reported row by row, nothing stored
# ---------------------------------------------------------------------------------------------
def test_errors_are_reported_row_by_row_and_nothing_is_stored(as_a, site_b):
    before = _counts()
    content = "\n".join(
        [
            HEADER,
            ",Fuori Torino,Via Milano 1,9.19,45.46,,food_distribution,Pasti,,,",
            ",Orari Sbagliati,Via Prova Orari 2,7.6858,45.0712,,food_distribution,Pasti,,,"
            "Mo 25:00-26:00",
            ",Categoria Ignota,Via Prova Categoria 3,7.6858,45.0712,,soup_kitchen,Pasti,,,",
            f"{site_b.pk},,,,,,social_desk,Sportello,,,",
            ",Mail Sbagliata,Via Prova Mail 5,7.6858,45.0712,,food_distribution,Pasti,,not-mail,",
            ",Tutto Bene,Via Prova Bene 6,7.6858,45.0712,,food_distribution,Pasti,,,",
            "99999999,,,,,,social_desk,Sportello,,,",
        ]
    ).encode()
    response = _upload(as_a, "errors.csv", content)
    assert response.status_code == 200
    page = response.content.decode()
    assert "6 rows have errors" in page
    assert "Nothing has been stored" in page
    rows = _rows_of(response)
    assert "lon/lat" in rows[2] and "outside the City of Turin" in rows[2]
    assert "opening_hours" in rows[3]
    assert "category" in rows[4] and "Unknown category “soup_kitchen”" in rows[4]
    assert "site_id" in rows[5]
    assert f"site {site_b.pk} is not one of your organisation" in rows[5]
    assert "email" in rows[6] and "“not-mail” is not an e-mail address" in rows[6]
    assert "OK" in rows[7]
    # Another organisation's site reads exactly like one that does not exist.
    assert rows[5].replace(str(site_b.pk), "N") == rows[8].replace("99999999", "N")
    assert _counts() == before
    assert as_a.get(reverse("partner:upload_submit")).status_code == 302  # nothing kept


def test_parse_errors_name_their_column(as_a):
    content = "\n".join(
        [
            "site_name,address,lon,lat,category,service_name,capacity,step_free_access,status",
            "Uno,Via Prova Uno 1,abc,45.07,food_distribution,Pasti,,,",
            "Due,Via Prova Due 2,45.07,7.68,food_distribution,Pasti,,,",
            "Tre,Via Prova Tre 3,7.68,45.07,food_distribution,Pasti,quaranta,forse,open",
            "Quattro,Via Prova Quattro 4,,,food_distribution,Pasti,,,",
            "Cinque,Via Prova Cinque 5,7.68,45.07,food_distribution,Pasti,12,,",
        ]
    ).encode()
    rows = _rows_of(_upload(as_a, "parse.csv", content))
    assert "lon" in rows[2] and "“abc” is not a number" in rows[2]
    assert "outside" not in rows[2]  # said once, by the column at fault
    assert "look swapped" in rows[3]
    assert "capacity" in rows[4] and "step_free_access" in rows[4] and "status" in rows[4]
    assert "needs its location" in rows[5]
    assert "capacity_unit" in rows[6]


def test_rows_of_one_new_site_must_agree(as_a):
    content = "\n".join(
        [
            "site_name,address,lon,lat,category,service_name",
            "Casa Doppia,Via Prova Doppia 1,7.68,45.07,food_distribution,Pasti",
            "Casa Doppia,Via Prova Doppia 1,7.69,45.07,social_desk,Ascolto",
            "Casa Doppia,Via Prova Doppia 1,7.68,45.07,food_distribution,Pasti",
            "Altro Nome,Via Prova Doppia 1,7.68,45.07,food_distribution,Pasti",
        ]
    ).encode()
    rows = _rows_of(_upload(as_a, "agree.csv", content))
    assert "differs from line 2" in rows[3]
    assert "already has a “Pasti” service" in rows[2] or "already has a “Pasti”" in rows[4]
    assert "Line 2 proposes another new site at this address" in rows[5]


def test_a_registered_address_is_an_error(as_a, site_b):
    content = (
        "site_name,address,lon,lat,category,service_name\n"
        f"Copia,{site_b.address},7.68,45.07,food_distribution,Pasti\n"
    ).encode()
    rows = _rows_of(_upload(as_a, "taken.csv", content))
    assert "address" in rows[2] and "one site per address" in rows[2]


def test_partner_b_cannot_update_a_site_of_partner_a(as_b, site_a):
    before = _counts()
    service = site_a.services.first()
    content = (
        f"site_id,service_id,site_name,phone\n{site_a.pk},{service.pk},Preso da B,011 999 9999\n"
    ).encode()
    response = _upload(as_b, "takeover.csv", content)
    assert response.status_code == 200
    assert f"site {site_a.pk} is not one of your organisation" in _rows_of(response)[2]
    assert _counts() == before


def test_a_site_given_away_after_the_preview_is_not_filed(as_a, site_a, org_b):
    before = _counts()
    content = f"site_id,site_name\n{site_a.pk},Nome nuovo prova\n".encode()
    assert _upload(as_a, "rename.csv", content).status_code == 302
    preview = as_a.get(reverse("partner:upload_submit"))
    token = re.search(r'name="token" value="([^"]+)"', preview.content.decode())[1]
    Site.objects.filter(pk=site_a.pk).update(organization=org_b)
    response = as_a.post(reverse("partner:upload_submit"), {"token": token})
    assert response.status_code == 200
    assert "nothing was sent" in response.content.decode()
    assert _counts() == before


def test_filing_is_all_or_none(as_a, monkeypatch):
    from geoplan.moderation import workflow

    before = _counts()
    assert _upload(as_a, "new_sites.csv", NEW_SITES.read_bytes()).status_code == 302
    real = workflow.propose
    calls = []

    def second_fails(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise ProposalError({"site.address": ["taken meanwhile"]})
        return real(*args, **kwargs)

    monkeypatch.setattr(workflow, "propose", second_fails)
    _preview, done = _submit_preview(as_a)
    assert "Nothing was sent" in done.content.decode()
    assert len(calls) == 2
    assert _counts() == before


def test_a_stale_preview_page_is_not_filed(as_a):
    before = _counts()
    assert _upload(as_a, "new_sites.csv", NEW_SITES.read_bytes()).status_code == 302
    response = as_a.post(reverse("partner:upload_submit"), {"token": "forged"})
    assert response.status_code == 302
    assert response["Location"] == reverse("partner:upload_submit")
    assert _counts() == before


# ---------------------------------------------------------------------------------------------
# Files refused as a whole
# ---------------------------------------------------------------------------------------------
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.parametrize(
    ("name", "content", "sentence"),
    [
        ("big.csv", b"site_name,address\n" + b"x" * (2 * 1024 * 1024), "The file is too large"),
        ("image.png", PNG, "is neither a .csv nor a .xlsx file"),
        ("image.xlsx", PNG, "is not an Excel workbook (.xlsx)"),
        ("image.csv", PNG, "is not UTF-8 text"),
        ("book.csv", _xlsx([["site_name", "address"]]), "is a spreadsheet workbook, not CSV"),
        ("empty.csv", b"", "The file is empty"),
        ("blank.csv", b"\n\n  \n", "is empty"),
        ("data.csv", b",Casa,Via Roma 1,7.68,45.07\n", "The first line must name the columns"),
        ("typo.csv", b"site_name,adress\nCasa,Via Roma 1\n", "Unknown column “adress”"),
        ("header.csv", b"site_name,address\n", "no rows under its first line"),
        ("twice.csv", b"site_name,address,address\n", "is given twice"),
        ("noid.csv", b"site_name,category\nCasa,food_distribution\n", "needs a site_id column"),
        (
            "many.csv",
            b"site_name,address\n" + b"".join(b"S%d,Via %d\n" % (i, i) for i in range(501)),
            "more than 500 rows",
        ),
    ],
)
def test_a_file_that_cannot_be_used_is_refused(as_a, name, content, sentence):
    before = _counts()
    response = _upload(as_a, name, content)
    assert response.status_code == 200
    page = response.content.decode().replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert sentence in page, page[:3000]
    assert "Check of your file" not in page  # refused before any row is read
    assert _counts() == before


def test_500_rows_are_accepted_for_checking():
    lines = ["site_name,address,lon,lat,category,service_name"]
    lines += [f"S{i},Via Prova {i},7.68,45.07,food_distribution,Pasti" for i in range(500)]
    rows = bulk.read_file("ok.csv", "\n".join(lines).encode())
    assert len(rows) == 500 and rows[0].line == 2 and rows[-1].line == 501


# ---------------------------------------------------------------------------------------------
# Who may use it; the page and the templates
# ---------------------------------------------------------------------------------------------
def test_anonymous_goes_to_login(client, db):
    response = client.get(reverse("partner:upload"))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_an_account_without_organisation_is_refused(client, outsider):
    client.force_login(outsider, backend=BACKEND)
    assert client.get(reverse("partner:upload")).status_code == 403
    assert client.post(reverse("partner:upload_submit")).status_code == 403
    assert client.get(reverse("partner:upload_template", args=["csv"])).status_code == 403


def test_the_page_documents_the_columns_and_the_partners_ids(as_a, org_a, site_a):
    page = as_a.get(reverse("partner:upload")).content.decode()
    assert 'accept=".csv,.xlsx"' in page
    assert 'enctype="multipart/form-data"' in page and "csrfmiddlewaretoken" in page
    for column in bulk.COLUMN_NAMES:
        assert f"<code>{column}</code>" in page
    assert f"<code>{org_a.pk}</code>" in page and f"<code>{site_a.pk}</code>" in page
    assert "<script>" not in page  # the policy allows no inline script


def test_the_page_speaks_italian(as_a):
    page = as_a.get(reverse("partner:upload"), HTTP_ACCEPT_LANGUAGE="it").content.decode()
    assert '<html lang="it">' in page


def test_the_templates_have_the_columns(as_a):
    csv_file = as_a.get(reverse("partner:upload_template", args=["csv"]))
    assert csv_file["Content-Type"].startswith("text/csv")
    assert "attachment" in csv_file["Content-Disposition"]
    assert csv_file.content.decode("utf-8-sig").strip() == ",".join(bulk.COLUMN_NAMES)
    xlsx_file = as_a.get(reverse("partner:upload_template", args=["xlsx"]))
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_file.content), read_only=True)
    header = next(workbook.worksheets[0].iter_rows(values_only=True))
    assert list(header) == list(bulk.COLUMN_NAMES)
    assert as_a.get("/partner/upload/template.pdf").status_code == 404
    # An empty template read back is a file with no rows, refused as such.
    with pytest.raises(bulk.UploadRefused):
        bulk.read_file("t.xlsx", xlsx_file.content)


def test_a_partner_of_two_organisations_says_which_runs_a_new_site(as_a, partner_a, org_b):
    Membership.objects.create(user=partner_a, organization=org_b)
    content = "\n".join(
        [
            "organisation_id,site_name,address,lon,lat,category,service_name",
            ",Senza Ente,Via Prova Ente 1,7.68,45.07,food_distribution,Pasti",
            "12345678,Ente Altrui,Via Prova Ente 2,7.68,45.07,food_distribution,Pasti",
            f"{org_b.pk},Ente B,Via Prova Ente 3,7.68,45.07,food_distribution,Pasti",
        ]
    ).encode()
    rows = _rows_of(_upload(as_a, "orgs.csv", content))
    assert "organization_id" in rows[2] and "Say which of your organisations" in rows[2]
    assert "organization_id" in rows[3] and "only propose sites for your own" in rows[3]
    assert "OK" in rows[4]


def test_xlsx_errors_give_the_sheet_row(as_a):
    content = _xlsx(
        [
            ["site_name", "address", "lon", "lat", "category", "service_name", "email"],
            ["Foglio Uno", "Via Foglio 1", 7.68, 45.07, "food_distribution", "Pasti", None],
            [],
            ["Foglio Due", "Via Foglio 2", 7.68, 45.07, "food_distribution", "Pasti", "x@"],
        ]
    )
    rows = _rows_of(_upload(as_a, "rows.xlsx", content))
    assert sorted(rows) == [2, 4]
    assert "OK" in rows[2] and "email" in rows[4]
