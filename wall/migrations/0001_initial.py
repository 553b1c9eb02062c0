from django.db import migrations, models


def shards(apps, schema_editor):
    PublicChange = apps.get_model("wall", "PublicChange")
    PublicChange.objects.bulk_create(PublicChange(shard=shard) for shard in range(8))


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="PublicChange",
            fields=[
                (
                    "shard",
                    models.PositiveSmallIntegerField(
                        primary_key=True, serialize=False, verbose_name="shard"
                    ),
                ),
                ("count", models.BigIntegerField(default=0, verbose_name="count")),
            ],
            options={"verbose_name": "public change", "verbose_name_plural": "public changes"},
        ),
        migrations.RunPython(shards, migrations.RunPython.noop),
    ]
