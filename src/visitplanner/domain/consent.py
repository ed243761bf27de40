"""What a person may agree to, and how far: the codes of a consent record.

Kept apart from :mod:`visitplanner.domain.enums` because the scopes carry a rule of
their own (a wider scope covers the narrower ones) that documents and the story ask.
"""

from __future__ import annotations

from visitplanner.domain.enums import LabelledEnum
from visitplanner.i18n import N_


class ConsentPurpose(LabelledEnum):
    """What the person agrees to, each given and withdrawn on its own (RGPD art. 7)."""

    PHOTOS = "photos"
    QUOTES = "quotes"
    STORY_NAMING = "story_naming"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "photos": N_("Appearing in photos"),
            "quotes": N_("Being quoted"),
            "story_naming": N_("Being named in the shared story"),
        }


class ConsentScope(LabelledEnum):
    """Who may see what the consent allows, from the narrowest to the widest.

    ``internal``: the association's team and the network's coordinators, the shared
    story included. ``partners``: documents handed to funders and partners (printed
    debriefs, booklets). ``public``: the web site, the press. Each scope covers those
    before it: a person who agreed to the press agreed to a funder's report.
    """

    INTERNAL = "internal"
    PARTNERS = "partners"
    PUBLIC = "public"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "internal": N_("Internal documents and the shared story"),
            "partners": N_("Documents for funders and partners"),
            "public": N_("Public (web site, press)"),
        }

    def covers(self, wanted: ConsentScope) -> bool:
        order = list(ConsentScope)
        return order.index(self) >= order.index(wanted)

    def covering(self) -> tuple[str, ...]:
        """The codes of the scopes that cover this one (itself and the wider ones)."""
        return tuple(s.value for s in ConsentScope if s.covers(self))
