"""The services list in the admin: services nobody verified lately, categories in the page's
language, opening hours derived from the rows edited, and labels in Italian."""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone, translation

from geoplan.registry.models import OpeningHours, Service, ServiceCategory


def shown(response) -> set[int]:
    assert response.status_code == 200
    return {s.pk for s in response.context["cl"].result_list}


def test_services_not_verified_for_180_days_are_found(client, planner):
    today = timezone.localdate()
    services = list(Service.objects.order_by("pk")[:3])
    fresh, stale, edge = services
    Service.objects.update(last_verified=today)
    Service.objects.filter(pk=stale.pk).update(last_verified=today - timedelta(days=181))
    Service.objects.filter(pk=edge.pk).update(last_verified=today - timedelta(days=180))
    never = Service.objects.exclude(pk__in=[s.pk for s in services]).first()
    Service.objects.filter(pk=never.pk).update(last_verified=None)
    client.force_login(planner)

    listing = client.get("/admin/registry/service/")
    assert "not verified for 180 days" in listing.content.decode()
    assert shown(client.get("/admin/registry/service/?verified=stale")) == {stale.pk, never.pk}
    assert shown(client.get("/admin/registry/service/?verified=never")) == {never.pk}
    assert fresh.pk in shown(client.get("/admin/registry/service/"))


def test_categories_show_their_name_in_the_page_language(client, planner):
    category = ServiceCategory.objects.exclude(name_it=F("name_en")).first()
    with translation.override("it"):
        assert str(category) == category.name_it
    with translation.override("en"):
        assert str(category) == category.name_en
    client.force_login(planner)
    page = client.get("/admin/registry/servicecategory/", HTTP_ACCEPT_LANGUAGE="it")
    row = [r for r in page.context["cl"].result_list if r.pk == category.pk][0]
    assert str(row) == category.name_it
    html = page.content.decode()
    assert category.name_it in html and category.name_en in html


def test_opening_hours_edited_in_the_admin_are_derived_for_the_map(client, moderator):
    service = Service.objects.filter(status="published", schedules__isnull=True).first()
    client.force_login(moderator)
    url = f"/admin/registry/service/{service.pk}/change/"
    data = form_data(client.get(url))
    data.update(
        {
            "schedules-TOTAL_FORMS": "2",
            "schedules-0-weekday": "1",
            "schedules-0-opens_at": "09:00",
            "schedules-0-closes_at": "13:00",
            "schedules-1-weekday": "3",
            "schedules-1-opens_at": "09:00",
            "schedules-1-closes_at": "13:00",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, _errors(response)
    service.refresh_from_db()
    assert service.opening_hours == "Mo,We 09:00-13:00"
    assert OpeningHours.objects.filter(service=service).count() == 2


def test_overlapping_hours_are_refused_with_a_sentence(client, moderator):
    service = Service.objects.filter(status="published", schedules__isnull=True).first()
    client.force_login(moderator)
    url = f"/admin/registry/service/{service.pk}/change/"
    data = form_data(client.get(url))
    data.update(
        {
            "schedules-TOTAL_FORMS": "2",
            "schedules-0-weekday": "1",
            "schedules-0-opens_at": "09:00",
            "schedules-0-closes_at": "13:00",
            "schedules-1-weekday": "1",
            "schedules-1-opens_at": "12:00",
            "schedules-1-closes_at": "15:00",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "overlap" in response.content.decode()
    assert not OpeningHours.objects.filter(service=service).exists()


def test_the_italian_admin_labels_the_services_list_in_italian(client, planner):
    client.force_login(planner)
    page = client.get("/admin/registry/service/", HTTP_ACCEPT_LANGUAGE="it").content.decode()
    lowered = page.lower()
    for label in ("categoria", "luogo", "organizzazione", "ultima verifica"):
        assert label in lowered, label


def test_the_italian_admin_names_the_new_filters_in_italian(client, planner):
    client.force_login(planner)
    page = client.get("/admin/registry/service/", HTTP_ACCEPT_LANGUAGE="it").content.decode()
    assert "not verified for 180 days" not in page
    assert "verification" not in page.lower()


def form_data(response) -> dict:
    """What the admin's change form would post back unchanged (main form and inline formsets)."""
    data = {}
    context = response.context
    forms = [context["adminform"].form]
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        forms.extend(formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None:
                continue
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
                continue
            if isinstance(value, (list, tuple)):
                data[key] = (
                    [str(v) for v in value]
                    if field.widget.allow_multiple_selected
                    else ",".join(map(str, value))
                )
                continue
            data[key] = (
                field.widget.format_value(value) if hasattr(field.widget, "format_value") else value
            )
            if data[key] is None:
                data[key] = ""
    return data


def _errors(response) -> str:
    if response.context is None:
        return response.content.decode()[:500]
    errors = [response.context["adminform"].form.errors]
    errors += [
        f.errors
        for inline in response.context["inline_admin_formsets"]
        for f in inline.formset.forms
    ]
    errors += [
        inline.formset.non_form_errors() for inline in response.context["inline_admin_formsets"]
    ]
    return repr(errors)
