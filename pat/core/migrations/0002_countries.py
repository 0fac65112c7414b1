from django.db import migrations


def add_countries(apps, schema_editor):
    from pat.core.regions import REGION_OF_COUNTRY

    Country = apps.get_model("core", "Country")
    Country.objects.bulk_create(
        [Country(code=code, region=region) for code, region in sorted(REGION_OF_COUNTRY.items())],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(add_countries, migrations.RunPython.noop)]
