from django.db import migrations

# A database backstop for "sites lie in Turin": a CHECK cannot consult the boundary table, so it
# holds the boundary's bounding box (from fixtures/boundaries/torino_municipality.geojson, rounded
# outwards). The exact polygon test runs in Site.clean(), the importer and the API.
BBOX = (7.5778, 45.0080, 7.7728, 45.1403)


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_seed_categories")]
    operations = [
        migrations.RunSQL(
            "ALTER TABLE registry_site ADD CONSTRAINT site_in_turin_bbox CHECK "
            "(geom IS NULL OR geom @ ST_MakeEnvelope(%s, %s, %s, %s, 4326))" % BBOX,
            "ALTER TABLE registry_site DROP CONSTRAINT site_in_turin_bbox",
        )
    ]
