"""Seed the topics and content warnings every install starts with; operators edit them in the admin."""

from django.db import migrations

TOPICS = [
    ("workplace", "Workplace"),
    ("school", "School or university"),
    ("family", "Family"),
    ("relationship", "Partner or date"),
    ("online", "Online"),
    ("public-place", "Public place or transport"),
    ("healthcare", "Healthcare"),
    ("sport", "Sport"),
    ("religious-setting", "Religious setting"),
    ("military", "Military"),
    ("childhood", "Childhood"),
    ("other", "Somewhere else"),
]

CONTENT_WARNINGS = [
    ("sexual-assault", "Sexual assault"),
    ("rape", "Rape"),
    ("child-abuse", "Child abuse"),
    ("violence", "Physical violence"),
    ("self-harm", "Self-harm or suicide"),
    ("harassment", "Harassment"),
]


def seed(apps, schema_editor):
    for model_name, rows in (("Topic", TOPICS), ("ContentWarning", CONTENT_WARNINGS)):
        model = apps.get_model("testimonies", model_name)
        for position, (slug, name) in enumerate(rows):
            model.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("testimonies", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
