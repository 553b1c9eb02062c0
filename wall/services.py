"""The public side's one write: a reader's support for a testimony."""

from django.db import IntegrityError, transaction
from django.db.models import F

from testimonies.models import Reaction, Testimony

from .caching import public_change_record


def reaction_add(*, testimony: Testimony, kind: str, reader_key: str) -> bool:
    """Count a reader's reaction once; False if this reader had already sent this one.

    The count is part of what the public sees, so every page showing it is rendered anew
    within the freshness bound: the wall, the testimony's page and the API agree.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                Reaction.objects.create(testimony=testimony, kind=kind, reader_key=reader_key)
        except IntegrityError:
            return False
        field = Reaction.COUNTER_FIELD[kind]
        Testimony.objects.filter(pk=testimony.pk).update(**{field: F(field) + 1})
        public_change_record()
    return True
