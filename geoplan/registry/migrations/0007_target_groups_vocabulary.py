"""Target groups become codes of a vocabulary; a source's other words move to the note."""

from django.db import migrations

CODES = {
    "everyone", "adults", "men", "women", "families", "children", "young_people",
    "older_people", "homeless", "migrants", "disabled", "jobseekers", "low_income",
}  # fmt: skip


def split(apps, schema_editor):
    Service = apps.get_model("registry", "Service")
    for service in Service.objects.exclude(target_groups=[]):
        codes, other = [], []
        for value in service.target_groups:
            key = value.strip().lower()
            if key in CODES:
                if key not in codes:
                    codes.append(key)
            elif value.strip():
                other.append(value.strip())
        note = "; ".join(filter(None, [service.target_groups_note, *other]))[:300]
        Service.objects.filter(pk=service.pk).update(target_groups=codes, target_groups_note=note)


def join(apps, schema_editor):
    Service = apps.get_model("registry", "Service")
    for service in Service.objects.exclude(target_groups_note=""):
        groups = [*service.target_groups, *service.target_groups_note.split("; ")]
        Service.objects.filter(pk=service.pk).update(target_groups=groups, target_groups_note="")


class Migration(migrations.Migration):
    dependencies = [("registry", "0006_schedules_closures_history")]
    operations = [migrations.RunPython(split, join)]
