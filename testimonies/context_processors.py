"""What every page needs: where "Leave this site" goes."""

from django.conf import settings


def site(request):
    return {"leave_site_url": settings.LEAVE_SITE_URL}
