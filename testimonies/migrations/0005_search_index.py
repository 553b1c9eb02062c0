"""A GIN index for full-text search of published testimonies, on PostgreSQL only.

Not in the model's Meta: SQLite cannot build it, and would try to whenever it rebuilds the
table. The expression is exactly what wall.selectors.search_vector() compiles to, so
PostgreSQL uses the index.
"""

from django.db import migrations

CREATE = """
CREATE INDEX IF NOT EXISTS testimony_search_idx ON testimonies_testimony USING gin
((to_tsvector('english'::regconfig, COALESCE("title", '') || ' ' || COALESCE("body", ''))))
WHERE "status" = 'published'
"""
DROP = "DROP INDEX IF EXISTS testimony_search_idx"


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("testimonies", "0004_wall")]
    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
