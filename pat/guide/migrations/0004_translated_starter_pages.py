"""The French and Spanish starter pages added after 0003 (every page of the guide now has
them). Pages already there, edited or not, are kept: content_load only adds what is missing."""

from django.db import migrations


def load(apps, schema_editor):
    from pat.guide.services import content_load

    content_load(actor=None)


class Migration(migrations.Migration):
    dependencies = [("guide", "0003_starter_content")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
