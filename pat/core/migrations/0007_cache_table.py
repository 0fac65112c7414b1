"""The table of the shared cache (settings.CACHES: Django's database cache)."""

from typing import Any

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps: Any, schema_editor: Any) -> None:
    # Django's own command: it makes the table of every database cache, once.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps: Any, schema_editor: Any) -> None:
    schema_editor.execute("DROP TABLE IF EXISTS pat_cache")


class Migration(migrations.Migration):
    dependencies = [("core", "0006_merge_tokens_translations_coordinator")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
