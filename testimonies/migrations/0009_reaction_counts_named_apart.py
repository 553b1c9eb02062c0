from django.db import migrations


class Migration(migrations.Migration):
    """The reaction counters are named for what they count, apart from the wall's metoo_count
    (everyone who has said "me too")."""

    dependencies = [("testimonies", "0008_fewer_indexes_per_insert")]

    operations = [
        migrations.RenameField("testimony", "believe_count", "believe_reactions"),
        migrations.RenameField("testimony", "metoo_count", "metoo_reactions"),
        migrations.RenameField("testimony", "strength_count", "strength_reactions"),
    ]
