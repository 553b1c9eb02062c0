"""The public pages: the wall, one testimony, support, statistics, help and the site's pages.

A page that is the same for every visitor (no account, no message waiting) is rendered once
per change of what the public sees and language, then served from wall.caching.
"""

import math

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from config.middleware import public_page
from config.ratelimits import limit_reached
from config.same_origin import same_origin_required
from testimonies.models import Reaction
from testimonies.readers import reader_key, same_for_everyone

from . import charts, selectors, services
from .app_settings import app_settings
from .caching import TIMEOUT, cached


def _shared_page(
    request, name: str, template: str, context, *, this_process_only: bool = False
) -> HttpResponse | None:
    """The page rendered once for everyone under name (and the language), or for this visitor
    alone. context is a callable, so a page served from the cache reads nothing; it returns
    None when there is nothing to show, and so does this."""
    if not same_for_everyone(request):
        values = context()
        return None if values is None else render(request, template, values)

    def page() -> bytes | None:
        values = context()
        if values is None:
            return None
        # Kept encoded, so a page served from the cache is not encoded again each time.
        return render_to_string(template, values, request=request).encode()

    html = cached(f"html:{get_language()}:{name}", page, this_process_only=this_process_only)
    return None if html is None else HttpResponse(html)


def bad_query(request, error: selectors.InvalidQuery) -> HttpResponse:
    return render(request, "wall/bad_query.html", {"message": error.message}, status=400)


@public_page
@require_GET
def wall(request):
    try:
        query = selectors.WallQuery.from_params(request.GET)
    except selectors.InvalidQuery as error:
        return bad_query(request, error)
    return _shared_page(
        request,
        f"wall:{query.cache_name}",
        "wall/wall.html",
        lambda: _wall_context(query),
        # Searches are as varied as what people type: kept in this process alone.
        this_process_only=bool(query.query),
    )


def _wall_context(query: selectors.WallQuery) -> dict:
    here = {**query.filters, "cursor": query.cursor}
    return {
        "page": selectors.wall_page_cached(query=query),
        "filters": query,
        "is_first_page": query.after is None,
        # Where a reaction returns to: this page, without anything else from the query.
        "return_to": "/?" + urlencode({key: value for key, value in here.items() if value}),
        # Links to the newest and the next page of the same query.
        "filters_query": urlencode(query.filters),
        "topics": selectors.labels().topics,
        "languages": settings.LANGUAGES,
        "metoo_count": selectors.metoo_count(),
        "metoo_count_today": selectors.metoo_count_today(),
        "reaction_kinds": Reaction.Kind.choices,
        "count_refresh_seconds": app_settings.COUNT_REFRESH_SECONDS,
        "count_announce_seconds": app_settings.COUNT_ANNOUNCE_SECONDS,
    }


@public_page
@require_GET
def detail(request, public_id):
    def context():
        testimony = selectors.testimony_for_public(public_id=public_id)
        if testimony is None:
            return None
        return {"testimony": testimony, "reaction_kinds": Reaction.Kind.choices}

    # The public id is only a cache key once a published testimony has it.
    response = _shared_page(request, f"detail:{public_id}", "wall/detail.html", context)
    if response is None:
        raise Http404
    return response


# Without a CSRF token, so that the wall's pages can be cached whole: a cross-site POST is
# refused by what the browser says of its origin instead (config.same_origin). Even a forged
# reaction could only add one count per reader and kind, within the per-client rate limit.
@csrf_exempt
@same_origin_required
@require_POST
def react(request, public_id):
    """ "I believe you", "Me too", "Sending strength": a plain form, then back to the page."""
    testimony = selectors.published_testimonies().filter(public_id=public_id).first()
    kind = request.POST.get("kind")
    if testimony is None:
        raise Http404
    # Tagged with the testimony: the answer is shown beside its buttons, where the page
    # returns to, not at the top of a page scrolled down to the card.
    beside = testimony.public_id
    if kind not in Reaction.Kind.values:
        messages.error(
            request, _("That reaction could not be read; nothing was sent."), extra_tags=beside
        )
    elif limit_reached(request, "reaction"):
        messages.error(
            request,
            _("You have sent many reactions in a short time. Thank you; please wait a while."),
            extra_tags=beside,
        )
    elif services.reaction_add(testimony=testimony, kind=kind, reader_key=reader_key(request)):
        messages.success(
            request, _("Thank you. The author will see your support counted."), extra_tags=beside
        )
    else:
        messages.info(
            request, _("You had already sent this. It is counted once."), extra_tags=beside
        )
    back = request.POST.get("next", "")
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}
    ):
        back = testimony.get_absolute_url()
    # Back to the buttons pressed, with the answer beside them (wall/_reactions.html).
    return redirect(f"{back}#r-{testimony.public_id}")


@public_page
@require_GET
def stats(request):
    statistics = selectors.statistics()
    return render(
        request,
        "wall/stats.html",
        {"statistics": statistics, "charts": charts.statistics_charts(statistics)},
    )


@public_page
@require_GET
def resources(request):
    resources = selectors.crisis_resources(language=get_language())
    return render(request, "pages/resources.html", {"resources": resources})


@public_page
@require_GET
def privacy(request):
    """The privacy page, its periods read from the settings that enforce them."""
    return render(
        request,
        "pages/privacy.html",
        {
            # moderation's RETENTION (moderation/app_settings.py); config/settings.py sets it.
            "retention_days": settings.MODERATION_RETENTION_DAYS,
            "shown_for_seconds": math.ceil(app_settings.PUBLIC_CACHE_NEAR_SECONDS),
            "cache_minutes": math.ceil(TIMEOUT / 60),
        },
    )
