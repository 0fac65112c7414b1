# A TextField's max_length is validation only (no column changes), so the new caps change the
# migration state alone: on SQLite an AlterField would rebuild the table (and drop the search
# triggers), on PostgreSQL it would take a lock for nothing.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0002_default_routes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="checklistanswer",
                    name="note",
                    field=models.TextField(blank=True, max_length=10000, verbose_name="note"),
                ),
                migrations.AlterField(
                    model_name="reviewcomment",
                    name="text",
                    field=models.TextField(max_length=10000, verbose_name="comment"),
                ),
                migrations.AlterField(
                    model_name="reviewevent",
                    name="note",
                    field=models.TextField(blank=True, max_length=10000),
                ),
                migrations.AlterField(
                    model_name="reviewtask",
                    name="decision_note",
                    field=models.TextField(blank=True, max_length=10000, verbose_name="why"),
                ),
            ],
        )
    ]
