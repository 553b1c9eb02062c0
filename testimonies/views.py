"""Public pages: the wall, the share form, one testimony."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import selectors, services
from .forms import ShareForm


@require_GET
def wall(request):
    return render(
        request,
        "testimonies/wall.html",
        {"testimonies": selectors.wall_latest(), "metoo_count": selectors.metoo_count()},
    )


# never_cache: on a shared device, the back button must not bring a typed story back.
@never_cache
@require_http_methods(["GET", "POST"])
def share(request):
    form = ShareForm(request.POST) if request.method == "POST" else ShareForm()
    if request.method == "POST" and form.is_valid():
        testimony = services.testimony_submit(
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            content_warnings=form.cleaned_data["content_warnings"],
            topics=form.cleaned_data["topics"],
            author=request.user if request.user.is_authenticated else None,
        )
        # Rendered, not redirected: what is shown once (later, the receipt code) is never
        # stored anywhere to survive a redirect.
        return render(request, "testimonies/share_done.html", {"testimony": testimony})
    status = 400 if request.method == "POST" else 200
    return render(request, "testimonies/share.html", {"form": form}, status=status)


@require_GET
def detail(request, public_id):
    testimony = selectors.testimony_for_public(public_id=public_id)
    if testimony is None:
        raise Http404
    return render(request, "testimonies/detail.html", {"testimony": testimony})


def csrf_failure(request, reason=""):
    """A refused form keeps its words: the share form comes back filled in, with a plain reason.

    The CSRF cookie can be missing when a session expired or cookies were cleared: the survivor
    must not lose a story to that.
    """
    if request.method == "POST" and request.path == "/share/":
        form = ShareForm(request.POST)
        return render(
            request, "testimonies/share.html", {"form": form, "csrf_expired": True}, status=403
        )
    return render(request, "403_csrf.html", status=403)
