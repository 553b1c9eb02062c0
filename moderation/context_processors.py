"""What every page needs from moderation: whether the header shows the moderators' link."""

from .access import is_moderator


def moderation(request):
    # A callable, so only a page that asks (the header, for a signed-in visitor) reads the groups.
    return {"is_moderator": lambda: is_moderator(request.user)}
