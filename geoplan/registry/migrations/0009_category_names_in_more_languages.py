from django.db import migrations, models

# The shipped categories' names in the public finder's other languages.
NAMES = {
    "neighbourhood_house": {
        "fr": "Maison de quartier",
        "es": "Casa de barrio",
        "ro": "Casă de cartier",
        "ar": "بيت الحي",
        "zh-hans": "社区之家",
    },
    "food_distribution": {
        "fr": "Distribution de nourriture et de biens",
        "es": "Reparto de alimentos y bienes",
        "ro": "Distribuire de alimente și bunuri",
        "ar": "توزيع الطعام والمواد الأساسية",
        "zh-hans": "食物和基本物品发放",
    },
    "night_shelter": {
        "fr": "Accueil de nuit",
        "es": "Albergue nocturno",
        "ro": "Adăpost de noapte",
        "ar": "مأوى ليلي",
        "zh-hans": "夜间收容所",
    },
    "emergency_housing": {
        "fr": "Hébergement d'urgence",
        "es": "Alojamiento de emergencia",
        "ro": "Locuință de urgență",
        "ar": "سكن طارئ",
        "zh-hans": "紧急住房",
    },
    "housing_first": {
        "fr": "Housing First (logement d'abord)",
        "es": "Housing First (vivienda primero)",
        "ro": "Housing First (locuința întâi)",
        "ar": "السكن أولاً (Housing First)",
        "zh-hans": "住房优先 (Housing First)",
    },
    "work_training": {
        "fr": "Emploi et formation",
        "es": "Trabajo y formación",
        "ro": "Muncă și formare",
        "ar": "العمل والتدريب",
        "zh-hans": "就业与培训",
    },
    "social_desk": {
        "fr": "Guichet social",
        "es": "Ventanilla social",
        "ro": "Ghișeu social",
        "ar": "مكتب المساعدة الاجتماعية",
        "zh-hans": "社会服务窗口",
    },
}


def fill(apps, schema_editor):
    ServiceCategory = apps.get_model("registry", "ServiceCategory")
    for category in ServiceCategory.objects.filter(code__in=NAMES):
        category.other_names = {**NAMES[category.code], **(category.other_names or {})}
        category.save(update_fields=["other_names"])


class Migration(migrations.Migration):
    dependencies = [("registry", "0008_seasonal_ranges")]
    operations = [
        migrations.AddField(
            model_name="servicecategory",
            name="other_names",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text='By language code, e.g. {"fr": "Hébergement de nuit"}.',
                verbose_name="names in other languages",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
