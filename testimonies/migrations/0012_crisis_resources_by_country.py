"""Crisis resources by country and language: the seeded lines get theirs, and two national
lines and the directory in each language are added.

Only numbers that can be cited from an official source are added, each with its source
below. Where none could be checked (Mexico, Morocco, Egypt and the rest of the world: this
was written without access to the web), readers are sent to the Find A Helpline directory
rather than to a number that might be wrong. Operators add and correct lines in the admin.

- Spain, 016: the line of the Ministerio de Igualdad (Delegación del Gobierno contra la
  Violencia de Género) for every form of violence against women, sexual violence included:
  free, confidential, 24 hours, in 53 languages, leaves no trace on the phone bill (it stays
  in the phone's call history). https://violenciagenero.igualdad.gob.es/ ; the ministry's
  figures for the line, as reported by Europa Press on 7 August 2025.
- France, 3919 "Violences Femmes Info": the national line for women facing violence, sexual
  violence and violence at work included, anonymous and free from landlines and mobiles,
  day and night; run by the Fédération Nationale Solidarité Femmes with the State's support.
  https://solidaritefemmes.org/appeler-le-3919/ and https://arretonslesviolences.gouv.fr/
- United States (RAINN) and England and Wales (Rape Crisis): migration 0006, now marked
  with their country and language.
"""

import django.core.validators
from django.db import migrations, models


SEEDED = {
    "RAINN National Sexual Assault Hotline": ("US", "en"),
    "Rape Crisis 24/7 Support Line": ("GB", "en"),
    "Find A Helpline": ("", "en"),
}
# (country, language, region, name, phone, url, description), each in its own language.
ADDED = [
    (
        "ES",
        "es",
        "España",
        "016, atención a todas las formas de violencia contra las mujeres",
        "016",
        "https://violenciagenero.igualdad.gob.es/",
        "Gratuito y confidencial, las 24 horas, en 53 idiomas. No aparece en la factura, "
        "pero sí en el historial de llamadas del móvil.",
    ),
    (
        "FR",
        "fr",
        "France",
        "3919 – Violences Femmes Info",
        "3919",
        "https://arretonslesviolences.gouv.fr/",
        "Anonyme et gratuit, jour et nuit, depuis un fixe ou un mobile.",
    ),
    (
        "",
        "es",
        "Cualquier país (México y toda América Latina incluidos)",
        "Find A Helpline: directorio internacional",
        "",
        "https://findahelpline.com",
        "Un directorio internacional de líneas de ayuda gratuitas y confidenciales.",
    ),
    (
        "",
        "fr",
        "Tous les pays",
        "Find A Helpline : annuaire international",
        "",
        "https://findahelpline.com",
        "Un annuaire international de lignes d’écoute gratuites et confidentielles.",
    ),
    (
        "",
        "ar",
        "كل البلدان (المغرب ومصر وسائر البلاد العربية)",
        "Find A Helpline: دليل دولي",
        "",
        "https://findahelpline.com",
        "دليل دولي لخطوط المساعدة المجانية والسرية.",
    ),
]


def by_country(apps, schema_editor):
    CrisisResource = apps.get_model("testimonies", "CrisisResource")
    for name, (country, language) in SEEDED.items():
        CrisisResource.objects.filter(name=name, language="").update(
            country=country, language=language
        )
    start = (
        CrisisResource.objects.order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    for position, (country, language, region, name, phone, url, description) in enumerate(
        ADDED, start=start
    ):
        # By name alone, as migration 0006 does: an operator's edit is kept.
        CrisisResource.objects.get_or_create(
            name=name,
            defaults={
                "language": language,
                "country": country,
                "region": region,
                "phone": phone,
                "url": url,
                "description": description,
                "position": position,
            },
        )


def back(apps, schema_editor):
    CrisisResource = apps.get_model("testimonies", "CrisisResource")
    for _country, _language, _region, name, *_ in ADDED:
        CrisisResource.objects.filter(name=name).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("testimonies", "0011_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="crisisresource",
            name="country",
            field=models.CharField(
                blank=True,
                help_text="The ISO 3166-1 code of the country it serves (ES, FR, MX, MA, EG...); empty if it helps anywhere.",
                max_length=2,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Z]{2}\\Z",
                        "Two capital letters: the country's ISO 3166-1 code, such as ES.",
                    )
                ],
                verbose_name="country",
            ),
        ),
        migrations.AddField(
            model_name="crisisresource",
            name="language",
            field=models.CharField(
                blank=True,
                choices=[
                    ("en", "English"),
                    ("es", "Español"),
                    ("fr", "Français"),
                    ("ar", "العربية"),
                ],
                help_text="The language it answers in, which readers of that language see first; empty for a directory that helps in many.",
                max_length=8,
                verbose_name="language",
            ),
        ),
        migrations.RunPython(by_country, back),
    ]
