"""Load the shipped terminology into the term base (every installation needs it)."""

from typing import Any

from django.db import migrations


def seed(apps: Any, schema_editor: Any) -> None:
    from pat.termbase.seeding import seed_shipped

    seed_shipped(
        entry_model=apps.get_model("termbase", "TermEntry"),
        change_model=apps.get_model("termbase", "TermChange"),
        lists_model=apps.get_model("termbase", "LanguageLists"),
        revision_model=apps.get_model("core", "Revision"),
    )


def unseed(apps: Any, schema_editor: Any) -> None:
    apps.get_model("termbase", "TermEntry").objects.filter(shipped=True).delete()


class Migration(migrations.Migration):
    dependencies = [("termbase", "0001_initial"), ("core", "0004_revision")]

    operations = [migrations.RunPython(seed, unseed)]
