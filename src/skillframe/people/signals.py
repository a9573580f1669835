"""What the people context announces to the contexts above it.

People sits low in the layers (docs/layers.md): it may not import assessments or
development, yet anonymising a leaver must reach the free text those apps hold about the person.
So people sends `person_anonymised` and each app blanks its own rows in a receiver connected in
its `AppConfig.ready()`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.dispatch import Signal


@dataclass(frozen=True)
class Blanked:
    """How many rows of one kind of free text a receiver blanked."""

    key: str  # the name of the count in the `people.anonymise` audit event: "ratings_blanked"
    noun: str  # what was blanked, as the CLI says it: "rating comment(s)"
    count: int


# Sent by `records.anonymise` inside its transaction, with `person` (the leaver, a Person).
# Each receiver returns a list of `Blanked` for what it erased; an exception in a receiver rolls
# the whole anonymisation back, so a leaver is never left half anonymised.
person_anonymised = Signal()
