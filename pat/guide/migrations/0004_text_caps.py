# A TextField's max_length is validation only (no column changes), so the new caps change the
# migration state alone: on SQLite an AlterField would rebuild the table (and drop the search
# triggers), on PostgreSQL it would take a lock for nothing.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("guide", "0003_starter_content"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="guidepage",
                    name="body",
                    field=models.TextField(max_length=300000, verbose_name="text (Markdown)"),
                ),
                migrations.AlterField(
                    model_name="librarydocument",
                    name="summary",
                    field=models.TextField(blank=True, max_length=5000, verbose_name="summary"),
                ),
            ],
        )
    ]
