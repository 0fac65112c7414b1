"""Full-text search over guide_searchentry on each database (see pat/guide/search.py).

PostgreSQL: a stored generated tsvector, each row analysed with its own language's
configuration (english, french, spanish; simple for other languages), title weighted above
body, with a GIN index. SQLite: an FTS5 table kept in step by triggers; the porter stemmer
over unicode61 with diacritics removed.
"""

from django.db import migrations

CFG = (
    "(CASE language WHEN 'en' THEN 'english'::regconfig WHEN 'fr' THEN 'french'::regconfig "
    "WHEN 'es' THEN 'spanish'::regconfig ELSE 'simple'::regconfig END)"
)

POSTGRES = [
    f"""
    ALTER TABLE guide_searchentry ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector({CFG}, coalesce(title, '')), 'A') ||
            setweight(to_tsvector({CFG}, coalesce(body, '')), 'B')
        ) STORED
    """,
    "CREATE INDEX guide_search_gin ON guide_searchentry USING GIN (search_vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS guide_search_gin",
    "ALTER TABLE guide_searchentry DROP COLUMN IF EXISTS search_vector",
]

SQLITE = [
    """
    CREATE VIRTUAL TABLE guide_searchentry_fts USING fts5(
        title, body, content='guide_searchentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER guide_searchentry_fts_ai AFTER INSERT ON guide_searchentry BEGIN
        INSERT INTO guide_searchentry_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END
    """,
    """
    CREATE TRIGGER guide_searchentry_fts_ad AFTER DELETE ON guide_searchentry BEGIN
        INSERT INTO guide_searchentry_fts(guide_searchentry_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END
    """,
    """
    CREATE TRIGGER guide_searchentry_fts_au AFTER UPDATE ON guide_searchentry BEGIN
        INSERT INTO guide_searchentry_fts(guide_searchentry_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO guide_searchentry_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS guide_searchentry_fts_au",
    "DROP TRIGGER IF EXISTS guide_searchentry_fts_ad",
    "DROP TRIGGER IF EXISTS guide_searchentry_fts_ai",
    "DROP TABLE IF EXISTS guide_searchentry_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("guide", "0001_initial")]
    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
