"""Enumerations stored as stable English codes; labels are translated at display time.

The codes are the contract of the database, the command line's ``--json`` and
exported files, so they never change with the interface language.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from visitplanner.i18n import N_, _


class LabelledEnum(StrEnum):
    """A string enum whose members carry a translatable label."""

    @property
    def label(self) -> str:
        return _(type(self)._labels()[self.value])

    @property
    def english_label(self) -> str:
        """The label as the source writes it (the message id), before any translation."""
        return type(self)._labels()[self.value]

    @classmethod
    def label_of(cls, code: str | None) -> str:
        """The label of a stored code in the interface's language; no code, no label."""
        return cls(code).label if code else ""

    @classmethod
    def label_in(cls, code: str, gettext: Callable[[str], str]) -> str:
        """The label of ``code`` through ``gettext``: documents are written in their own
        language, not the interface's. A code this version does not know stays as it is."""
        english = cls._labels().get(code)
        return code if english is None else gettext(english)

    @classmethod
    def _labels(cls) -> dict[str, str]:  # pragma: no cover - overridden
        raise NotImplementedError

    @classmethod
    def codes(cls) -> tuple[str, ...]:
        return tuple(member.value for member in cls)

    @classmethod
    def parse(cls, value: str, field: str) -> LabelledEnum:
        """Reads a code, or a label in either language, case-insensitively."""
        from visitplanner.domain.errors import ValidationError

        wanted = (value or "").strip().casefold()
        for member in cls:
            if wanted in (member.value.casefold(), cls._labels()[member.value].casefold()):
                return member
            if wanted == member.label.casefold():
                return member
        raise ValidationError(
            field,
            _("“{value}” is not one of: {choices}.").format(
                value=value, choices=", ".join(cls.codes())
            ),
        )


class DynamicKind(LabelledEnum):
    CLUSTER = "cluster"
    COMPETITIVENESS_CLUSTER = "competitiveness_cluster"
    PTCE = "ptce"
    THIRD_PLACE = "third_place"
    TZCLD = "tzcld"
    LOCAL_CURRENCY = "local_currency"
    TRANSITION = "transition_initiative"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "cluster": N_("Business cluster"),
            "competitiveness_cluster": N_("Competitiveness cluster"),
            "ptce": N_("PTCE"),
            "third_place": N_("Third place"),
            "tzcld": N_("Zero long-term unemployment territory"),
            "local_currency": N_("Local currency"),
            "transition_initiative": N_("Transition initiative"),
            "other": N_("Other"),
        }


class Service(LabelledEnum):
    OBSERVATORY = "observatory"
    LIVING_LAB = "living_lab"
    PROJECT_ENGINEERING = "project_engineering"
    MATCHMAKING = "matchmaking"
    LEARNING_VISITS = "learning_visits"
    POOLING = "pooling"
    TRAINING = "training"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "observatory": N_("Observatory"),
            "living_lab": N_("Living lab"),
            "project_engineering": N_("Project engineering"),
            "matchmaking": N_("Matchmaking"),
            "learning_visits": N_("Learning visits"),
            "pooling": N_("Pooling of resources"),
            "training": N_("Training"),
        }


class ActorType(LabelledEnum):
    LARGE_COMPANY = "large_company"
    SME = "sme"
    MICRO_COMPANY = "micro_company"
    SSE = "sse"
    ASSOCIATION = "association"
    RESEARCH = "research"
    LOCAL_AUTHORITY = "local_authority"
    INHABITANT = "inhabitant"
    NGO = "ngo"
    CULTURE = "culture"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "large_company": N_("Large company"),
            "sme": N_("SME"),
            "micro_company": N_("Micro-enterprise"),
            "sse": N_("Social and solidarity economy organisation"),
            "association": N_("Association"),
            "research": N_("Research"),
            "local_authority": N_("Local authority"),
            "inhabitant": N_("Inhabitant"),
            "ngo": N_("NGO"),
            "culture": N_("Cultural organisation"),
        }


class EventKind(LabelledEnum):
    VISIT = "visit"
    SEMINAR = "seminar"
    MEETING = "meeting"
    WORKSHOP = "workshop"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "visit": N_("Learning visit"),
            "seminar": N_("Joint seminar"),
            "meeting": N_("Task force meeting"),
            "workshop": N_("Workshop"),
        }


class EventStatus(LabelledEnum):
    DRAFT = "draft"
    PLANNED = "planned"
    CONFIRMED = "confirmed"
    DONE = "done"
    CANCELLED = "cancelled"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "draft": N_("Draft"),
            "planned": N_("Planned"),
            "confirmed": N_("Confirmed"),
            "done": N_("Done"),
            "cancelled": N_("Cancelled"),
        }


class Role(LabelledEnum):
    ORGANISER = "organiser"
    HOST = "host"
    SPEAKER = "speaker"
    PARTICIPANT = "participant"
    OBSERVER = "observer"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "organiser": N_("Organiser"),
            "host": N_("Host"),
            "speaker": N_("Speaker"),
            "participant": N_("Participant"),
            "observer": N_("Observer"),
        }


class ResponseStatus(LabelledEnum):
    INVITED = "invited"
    ACCEPTED = "accepted"
    TENTATIVE = "tentative"
    DECLINED = "declined"
    WAITLISTED = "waitlisted"
    # Passed their place to someone else (iTIP DELEGATED): listed, but no longer taking a place.
    DELEGATED = "delegated"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "invited": N_("Invited"),
            "accepted": N_("Accepted"),
            "tentative": N_("Tentative"),
            "declined": N_("Declined"),
            "waitlisted": N_("Waiting list"),
            "delegated": N_("Delegated"),
        }


class HalfDay(LabelledEnum):
    MORNING = "am"
    AFTERNOON = "pm"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"am": N_("Morning"), "pm": N_("Afternoon")}


class Challenge(LabelledEnum):
    LASTING_COOPERATION = "lasting_cooperation"
    SERVICE_OFFER = "service_offer"
    BUSINESS_MODEL = "business_model"
    SOCIETAL_CONCERNS = "societal_concerns"
    INHABITANT_INVOLVEMENT = "inhabitant_involvement"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "lasting_cooperation": N_("Lasting cooperation"),
            "service_offer": N_("Service offer"),
            "business_model": N_("Business model"),
            "societal_concerns": N_("Societal concerns"),
            "inhabitant_involvement": N_("Involvement of inhabitants"),
        }


class DebriefStatus(LabelledEnum):
    DRAFT = "draft"
    FINAL = "final"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"draft": N_("Draft"), "final": N_("Final")}


class StoryKind(LabelledEnum):
    VISIT = "visit"
    SEMINAR = "seminar"
    MILESTONE = "milestone"
    DECISION = "decision"
    NOTE = "note"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "visit": N_("Visit"),
            "seminar": N_("Seminar"),
            "milestone": N_("Milestone"),
            "decision": N_("Decision"),
            "note": N_("Note"),
        }


class Language(LabelledEnum):
    FRENCH = "fr"
    ENGLISH = "en"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"fr": N_("French"), "en": N_("English")}


class OutboxMethod(LabelledEnum):
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"
    # A plain e-mail without a calendar: e.g. "you are on the waiting list, position 2".
    NOTICE = "NOTICE"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"REQUEST": N_("Invitation"), "CANCEL": N_("Cancellation"), "NOTICE": N_("Notice")}
