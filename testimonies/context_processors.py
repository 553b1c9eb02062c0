"""What every page needs: where "Leave this site" goes, and the languages to switch to."""

from django.conf import settings


def site(request):
    return {
        "leave_site_url": settings.LEAVE_SITE_URL,
        # Each named in itself, untranslated: a reader finds theirs whatever the page is in.
        "site_languages": settings.LANGUAGES,
    }
