"""Pseudonymous accounts keep no time finer than the hour that could tie them to a client."""

from django.utils import timezone


def to_the_hour(moment):
    return moment.replace(minute=0, second=0, microsecond=0) if moment else moment


def account_times_coarsen(*, instance, **_kwargs) -> None:
    """pre_save of the user model: date_joined and last_login to the hour.

    Stored to the microsecond, either lined up with a client's request in any other record
    (a counter, a log line) and named the account's network; an hour holds many.
    """
    instance.date_joined = to_the_hour(instance.date_joined or timezone.now())
    instance.last_login = to_the_hour(instance.last_login)
