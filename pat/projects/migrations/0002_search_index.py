"""Full-text search over Project.search_document on each database.

PostgreSQL: a stored generated tsvector column with a GIN index. SQLite: an
FTS5 table kept in step with the project table by triggers. The 'simple'
configuration and FTS5's unicode61 tokenizer treat English, French and
Spanish alike (no stemming; search words match as prefixes).
"""

from django.db import migrations

POSTGRES = [
    """
    ALTER TABLE projects_project ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple', search_document)) STORED
    """,
    "CREATE INDEX project_search_gin ON projects_project USING GIN (search_vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS project_search_gin",
    "ALTER TABLE projects_project DROP COLUMN IF EXISTS search_vector",
]

SQLITE = [
    """
    CREATE VIRTUAL TABLE projects_project_fts USING fts5(
        search_document, content='projects_project', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER projects_project_fts_ai AFTER INSERT ON projects_project BEGIN
        INSERT INTO projects_project_fts(rowid, search_document) VALUES (new.id, new.search_document);
    END
    """,
    """
    CREATE TRIGGER projects_project_fts_ad AFTER DELETE ON projects_project BEGIN
        INSERT INTO projects_project_fts(projects_project_fts, rowid, search_document)
        VALUES ('delete', old.id, old.search_document);
    END
    """,
    """
    CREATE TRIGGER projects_project_fts_au AFTER UPDATE OF search_document ON projects_project BEGIN
        INSERT INTO projects_project_fts(projects_project_fts, rowid, search_document)
        VALUES ('delete', old.id, old.search_document);
        INSERT INTO projects_project_fts(rowid, search_document) VALUES (new.id, new.search_document);
    END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS projects_project_fts_au",
    "DROP TRIGGER IF EXISTS projects_project_fts_ad",
    "DROP TRIGGER IF EXISTS projects_project_fts_ai",
    "DROP TABLE IF EXISTS projects_project_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]
    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
