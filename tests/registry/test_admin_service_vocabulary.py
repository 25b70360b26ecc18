"""In the admin, a service's target groups and languages are ticked in the vocabulary's lists,
not typed as codes; a stored code the list lacks is shown, never dropped unseen."""

from geoplan.registry.admin import ServiceAdminForm
from geoplan.registry.models import Service

from .test_admin_services import form_data


def test_target_groups_and_languages_are_checkboxes(client, moderator):
    service = Service.objects.filter(status="published").first()
    client.force_login(moderator)
    url = f"/admin/registry/service/{service.pk}/change/"
    page = client.get(url)
    html = page.content.decode()
    assert 'type="checkbox" name="target_groups" value="homeless"' in html
    assert 'type="checkbox" name="languages" value="ar"' in html

    data = form_data(page)
    data["target_groups"] = ["homeless", "migrants"]
    data["languages"] = ["it", "ar"]
    response = client.post(url, data)
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.target_groups == ["homeless", "migrants"]
    assert service.languages == ["it", "ar"]


def test_codes_not_in_the_list_are_kept_or_refused_with_a_sentence(db):
    service = Service.objects.filter(status="published").first()
    service.target_groups = ["homeless", "rom"]
    service.languages = ["it", "xx"]

    form = ServiceAdminForm(instance=service)
    assert form["target_groups"].value() == ["homeless", "rom"]
    assert ("rom", "rom (not in the list)") in [
        (c, str(label)) for c, label in form.fields["target_groups"].choices
    ]
    assert "xx" in [code for code, _label in form.fields["languages"].choices]

    def posted(**changes):
        data = {
            "site": service.site_id,
            "category": service.category_id,
            "name": service.name,
            "status": service.status,
            "target_groups": ["homeless", "rom"],
            "languages": ["it", "xx"],
        } | changes
        return ServiceAdminForm(data, instance=service)

    kept = posted()
    assert not kept.is_valid()
    assert "Not in the list: rom" in str(kept.errors["target_groups"])
    assert "languages" not in kept.errors

    decided = posted(target_groups=["homeless"])
    decided.is_valid()
    assert "target_groups" not in decided.errors
    assert decided.cleaned_data["languages"] == ["it", "xx"]  # a language code is kept as it is
