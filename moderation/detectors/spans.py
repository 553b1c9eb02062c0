"""The one shape every detector returns: a typed span of the text it was given."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A finding: ``text[start:end]`` looks like ``kind`` (an email address, a phone number...).

    Offsets are Python string indices (code points) into exactly the text the detector was
    given, so a moderator's one-click redaction can replace ``text[start:end]``.
    """

    kind: str
    start: int
    end: int
    text: str
    # How sure the detector is, from 0 to 1; the risk score weighs findings by it.
    confidence: float = 1.0

    def as_dict(self) -> dict:
        return asdict(self)
