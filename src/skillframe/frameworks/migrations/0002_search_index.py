"""Full-text index of elements, in each database's own engine (see frameworks/search.py)."""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE frameworks_element_fts USING fts5(title, statement,"
    " content='frameworks_element', content_rowid='id',"
    " tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER frameworks_element_fts_ai AFTER INSERT ON frameworks_element BEGIN"
    " INSERT INTO frameworks_element_fts(rowid, title, statement)"
    " VALUES (new.id, new.title, new.statement); END",
    "CREATE TRIGGER frameworks_element_fts_ad AFTER DELETE ON frameworks_element BEGIN"
    " INSERT INTO frameworks_element_fts(frameworks_element_fts, rowid, title, statement)"
    " VALUES ('delete', old.id, old.title, old.statement); END",
    "CREATE TRIGGER frameworks_element_fts_au AFTER UPDATE ON frameworks_element BEGIN"
    " INSERT INTO frameworks_element_fts(frameworks_element_fts, rowid, title, statement)"
    " VALUES ('delete', old.id, old.title, old.statement);"
    " INSERT INTO frameworks_element_fts(rowid, title, statement)"
    " VALUES (new.id, new.title, new.statement); END",
    "INSERT INTO frameworks_element_fts(frameworks_element_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS frameworks_element_fts_ai",
    "DROP TRIGGER IF EXISTS frameworks_element_fts_ad",
    "DROP TRIGGER IF EXISTS frameworks_element_fts_au",
    "DROP TABLE IF EXISTS frameworks_element_fts",
]
POSTGRESQL_FORWARD = [
    "CREATE INDEX frameworks_element_search ON frameworks_element"
    " USING GIN ((setweight(to_tsvector('english', title), 'A')"
    " || setweight(to_tsvector('english', statement), 'B')))",
]
POSTGRESQL_BACKWARD = ["DROP INDEX IF EXISTS frameworks_element_search"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        ),
    ]
