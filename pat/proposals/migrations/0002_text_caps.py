# A TextField's max_length is validation only (no column changes), so the new caps change the
# migration state alone: on SQLite an AlterField would rebuild the table (and drop the search
# triggers), on PostgreSQL it would take a lock for nothing.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="proposalsection",
                    name="text",
                    field=models.TextField(blank=True, max_length=50000, verbose_name="text"),
                ),
                migrations.AlterField(
                    model_name="risk",
                    name="mitigation",
                    field=models.TextField(blank=True, max_length=5000, verbose_name="mitigation"),
                ),
                migrations.AlterField(
                    model_name="risk",
                    name="risk",
                    field=models.TextField(max_length=2000, verbose_name="risk"),
                ),
            ],
        )
    ]
