"""Each testimony's language (existing ones are English), and search stemmed in that language.

On PostgreSQL, metoo_ts_config(language) names the text-search configuration of a language
code, and the GIN index of migration 0005 is rebuilt over
to_tsvector(metoo_ts_config(language), title || ' ' || body), exactly what
wall.selectors.search_vector() compiles to, so that PostgreSQL uses it. The function is
IMMUTABLE so an index may call it: changing what it returns for a code already in use means
rebuilding the index (REINDEX INDEX testimony_search_idx) in the same migration.

Arabic uses PostgreSQL's own "arabic" configuration (the Snowball Arabic stemmer, in
PostgreSQL since 12): "المتحرشون" and "المتحرش" meet at one stem, which "simple" would not do.
A code the function does not know is searched with "simple": words as written, lower-cased.
"""

from django.db import migrations, models

FUNCTION = """
CREATE OR REPLACE FUNCTION metoo_ts_config(language text) RETURNS regconfig
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE language
        WHEN 'en' THEN 'pg_catalog.english'::regconfig
        WHEN 'es' THEN 'pg_catalog.spanish'::regconfig
        WHEN 'fr' THEN 'pg_catalog.french'::regconfig
        WHEN 'ar' THEN 'pg_catalog.arabic'::regconfig
        ELSE 'pg_catalog.simple'::regconfig
    END
$$
"""
INDEX = """
CREATE INDEX testimony_search_idx ON testimonies_testimony USING gin
((to_tsvector(metoo_ts_config("language")::regconfig,
              COALESCE("title", '') || ' ' || COALESCE("body", ''))))
WHERE "status" = 'published'
"""
# What migration 0005 built, for going back.
ENGLISH_INDEX = """
CREATE INDEX testimony_search_idx ON testimonies_testimony USING gin
((to_tsvector('english'::regconfig, COALESCE("title", '') || ' ' || COALESCE("body", ''))))
WHERE "status" = 'published'
"""
DROP_INDEX = "DROP INDEX IF EXISTS testimony_search_idx"
DROP_FUNCTION = "DROP FUNCTION IF EXISTS metoo_ts_config(text)"


def on_postgresql(*statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("testimonies", "0010_screening_requests_and_submission_tokens"),
    ]

    operations = [
        migrations.AddField(
            model_name="testimony",
            name="language",
            field=models.CharField(
                choices=[
                    ("en", "English"),
                    ("es", "Español"),
                    ("fr", "Français"),
                    ("ar", "العربية"),
                ],
                default="en",
                max_length=8,
                verbose_name="language",
            ),
        ),
        migrations.AddIndex(
            model_name="testimony",
            index=models.Index(
                condition=models.Q(("status", "published")) & ~models.Q(("language", "en")),
                fields=["language", "-published_at", "-id"],
                name="testimony_language_wall_idx",
            ),
        ),
        migrations.RunPython(
            on_postgresql(FUNCTION, DROP_INDEX, INDEX),
            on_postgresql(DROP_INDEX, ENGLISH_INDEX, DROP_FUNCTION),
        ),
    ]
