"""Seed the crisis lines every install starts with; administrators edit them in the admin."""

from django.db import migrations

RESOURCES = [
    (
        "United States",
        "RAINN National Sexual Assault Hotline",
        "800-656-4673",
        "https://rainn.org",
        "24 hours a day, also as an online chat.",
    ),
    (
        "England and Wales",
        "Rape Crisis 24/7 Support Line",
        "0808 500 2222",
        "https://rapecrisis.org.uk",
        "Free, for anyone aged 16 or over, day and night.",
    ),
    (
        "Anywhere",
        "Find A Helpline",
        "",
        "https://findahelpline.com",
        "An international directory of free, confidential helplines.",
    ),
]


def seed(apps, schema_editor):
    CrisisResource = apps.get_model("testimonies", "CrisisResource")
    for position, (region, name, phone, url, description) in enumerate(RESOURCES):
        CrisisResource.objects.get_or_create(
            name=name,
            defaults={
                "region": region,
                "phone": phone,
                "url": url,
                "description": description,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("testimonies", "0005_search_index")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
