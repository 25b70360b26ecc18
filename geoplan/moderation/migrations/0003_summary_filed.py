from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("moderation", "0002_change_request_revision")]

    operations = [
        migrations.RenameField("changerequest", "summary", "summary_filed"),
        migrations.AlterField(
            model_name="changerequest",
            name="summary_filed",
            field=models.CharField(max_length=300, verbose_name="summary"),
        ),
    ]
