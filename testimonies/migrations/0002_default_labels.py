"""Seed the topics and content warnings every install starts with; operators edit them in the admin.

The names are stored in English and marked for translation: Label.__str__ shows them in the
reader's language.
"""

from django.db import migrations
from django.utils.translation import gettext_noop

TOPICS = [
    ("workplace", gettext_noop("Workplace")),
    ("school", gettext_noop("School or university")),
    ("family", gettext_noop("Family")),
    ("relationship", gettext_noop("Partner or date")),
    ("online", gettext_noop("Online")),
    ("public-place", gettext_noop("Public place or transport")),
    ("healthcare", gettext_noop("Healthcare")),
    ("sport", gettext_noop("Sport")),
    ("religious-setting", gettext_noop("Religious setting")),
    ("military", gettext_noop("Military")),
    ("childhood", gettext_noop("Childhood")),
    ("other", gettext_noop("Somewhere else")),
]

CONTENT_WARNINGS = [
    ("sexual-assault", gettext_noop("Sexual assault")),
    ("rape", gettext_noop("Rape")),
    ("child-abuse", gettext_noop("Child abuse")),
    ("violence", gettext_noop("Physical violence")),
    ("self-harm", gettext_noop("Self-harm or suicide")),
    ("harassment", gettext_noop("Harassment")),
]


def seed(apps, schema_editor):
    for model_name, rows in (("Topic", TOPICS), ("ContentWarning", CONTENT_WARNINGS)):
        model = apps.get_model("testimonies", model_name)
        for position, (slug, name) in enumerate(rows):
            model.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("testimonies", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
