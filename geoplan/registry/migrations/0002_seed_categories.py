from django.db import migrations

# Colours: the Okabe-Ito palette, readable by people with colour-vision deficiencies.
CATEGORIES = [
    ("neighbourhood_house", "Casa del Quartiere", "Neighbourhood house", "#0072B2"),
    ("food_distribution", "Distribuzione di cibo e beni", "Food and basic goods", "#E69F00"),
    ("night_shelter", "Accoglienza notturna", "Night shelter", "#D55E00"),
    ("emergency_housing", "Accoglienza abitativa d'emergenza", "Emergency housing", "#CC79A7"),
    ("housing_first", "Housing First", "Housing First", "#56B4E9"),
    ("work_training", "Lavoro e formazione", "Work and training", "#009E73"),
    ("social_desk", "Sportello sociale", "Social help desk", "#7F6A00"),
]


def seed(apps, schema_editor):
    ServiceCategory = apps.get_model("registry", "ServiceCategory")
    for order, (code, name_it, name_en, color) in enumerate(CATEGORIES):
        ServiceCategory.objects.update_or_create(
            code=code,
            defaults={"name_it": name_it, "name_en": name_en, "color": color, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
