"""The guide's starter pages (pat/guide/content/{en,fr,es}/*.md), added once.

The load service is idempotent and never overwrites a page people have edited, so running
it again (`pat kit` does not; `content_load` from a shell may) is harmless.
"""

from django.db import migrations


def load(apps, schema_editor):
    from pat.guide.services import content_load

    content_load(actor=None)


class Migration(migrations.Migration):
    dependencies = [("guide", "0002_search_index"), ("core", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
