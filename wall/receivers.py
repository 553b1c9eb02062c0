"""What the public side does when what the public sees changes: count a new generation."""

from testimonies.models import Testimony

from .caching import public_change_record


def public_changed(sender, **kwargs) -> None:
    public_change_record()


def testimony_deleted(sender, instance: Testimony, **kwargs) -> None:
    if instance.status == Testimony.Status.PUBLISHED:
        public_change_record()
