# A TextField's max_length is validation only (no column changes), so the new caps change the
# migration state alone: on SQLite an AlterField would rebuild the table (and drop the search
# triggers), on PostgreSQL it would take a lock for nothing.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("termbase", "0003_drop_own_revision"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="termentry",
                    name="explanation",
                    field=models.TextField(max_length=5000, verbose_name="explanation"),
                ),
            ],
        )
    ]
