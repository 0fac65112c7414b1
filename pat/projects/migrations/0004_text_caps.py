# A TextField's max_length is validation only (no column changes), so the new caps change the
# migration state alone: on SQLite an AlterField would rebuild the table (and drop the search
# triggers), on PostgreSQL it would take a lock for nothing.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0003_reference_data"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="indicator",
                    name="means_of_verification",
                    field=models.TextField(
                        blank=True, max_length=5000, verbose_name="means of verification"
                    ),
                ),
                migrations.AlterField(
                    model_name="indicator",
                    name="statement",
                    field=models.TextField(max_length=2000, verbose_name="indicator"),
                ),
                migrations.AlterField(
                    model_name="project",
                    name="objective",
                    field=models.TextField(blank=True, max_length=50000, verbose_name="objective"),
                ),
                migrations.AlterField(
                    model_name="project",
                    name="rationale",
                    field=models.TextField(blank=True, max_length=50000, verbose_name="rationale"),
                ),
                migrations.AlterField(
                    model_name="project",
                    name="summary",
                    field=models.TextField(blank=True, max_length=50000, verbose_name="summary"),
                ),
                migrations.AlterField(
                    model_name="resultnode",
                    name="assumptions",
                    field=models.TextField(blank=True, max_length=5000, verbose_name="assumptions"),
                ),
                migrations.AlterField(
                    model_name="resultnode",
                    name="statement",
                    field=models.TextField(max_length=2000, verbose_name="statement"),
                ),
            ],
        )
    ]
