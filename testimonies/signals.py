"""What happens to testimonies, for the apps that care: the facts, not what to do about them.

The services in testimonies.services send these, inside the transaction that makes the change,
so a receiver's own writes commit or roll back with it. The testimonies app imports neither
moderation nor wall: moderation/apps.py connects screening, wall/apps.py the public cache.
"""

from django.dispatch import Signal

# Words were saved that a worker must screen: a new submission, an author's edit, an appeal.
# Sent with testimony_id.
screening_needed = Signal()

# A testimony went on the wall (sent with testimony), or came off it: rejected, hidden,
# edited by its author, withdrawn or deleted (sent with testimony, before it is deleted).
published = Signal()
left_the_wall = Signal()

# Its author withdrew it: every copy of its words must go now, not after a retention period.
# Sent with testimony, in the transaction that deletes it, before it is deleted.
withdrawn = Signal()

# What the public sees of a published testimony changed: its words or its warnings (a
# moderator's redaction or edit), or its support counts. Sent with testimony.
public_text_changed = Signal()

# The published totals were counted again from the rows (after a bulk load).
counts_rebuilt = Signal()

# An administrator changed a testimony in the admin (a rejection's reason or note, the date its
# retention counts from, ...). Sent with testimony, user and changes ({field: new value}).
changed_by_admin = Signal()
