"""Output models: the single source of the JSON schema (see ../shared/CONTRACT.md).

Every element the extractor emits carries ``text`` (the words in the article) and ``span``
(their character offsets ``[start, end]`` in the document text, so ``text == doc[start:end]``).
Fields beyond the contract are optional extras and default to ``None`` or empty.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Span = tuple[int, int]

ActorKind = Literal[
    "country", "military", "government", "organization", "person", "group", "media", "civilians"
]
ActorRole = Literal["initiator", "target", "victim", "other"]
LocationKind = Literal["country", "admin1", "admin2", "city", "place", "facility", "region", "water"]
CountCategory = Literal[
    "killed", "injured", "missing", "detained", "captured", "evacuated", "displaced",
    "launched", "intercepted", "hit", "destroyed", "damaged", "delivered", "other",
]
SourceKind = Literal["person", "organization", "government", "media", "anonymous"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Mention(_Model):
    """Words in the article and where they are."""

    text: str = Field(description="The words as they appear in the article.")
    span: Span = Field(description="Character offsets [start, end) in the document text.")
    rule: str | None = Field(default=None, description="Id of the rule that produced this.")
    score: float | None = Field(default=None, ge=0, le=1, description="Match score in [0, 1].")


class Actor(Mention):
    """Who acted, or was acted upon."""

    name: str = Field(description="Canonical name.")
    kind: ActorKind
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code.")
    role: ActorRole = "other"
    id: str | None = Field(default=None, description="Id of the actor entry in patterns/.")
    title: str | None = Field(default=None, description="Title of a person, e.g. 'Governor'.")
    affiliation: str | None = Field(default=None, description="Organisation a person belongs to.")


class Location(Mention):
    """A place, resolved against the gazetteer where possible."""

    name: str = Field(description="Canonical English name.")
    kind: LocationKind
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code.")
    admin1: str | None = Field(default=None, description="First-level region, English name.")
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    descriptor: str | None = Field(
        default=None, description="Relative descriptor, e.g. 'central', 'near the border'."
    )
    control: str | None = Field(default=None, description="Control status, e.g. 'occupied'.")
    controlled_by: str | None = Field(default=None, description="ISO code of the controller.")


class Count(Mention):
    """A figure: how many of what, what happened to them, and where."""

    value: int = Field(description="The best single figure.")
    min: int | None = None
    max: int | None = None
    approximate: bool = False
    category: CountCategory = "other"
    item: str | None = Field(default=None, description="What is counted, singular lemma.")
    location: str | None = Field(default=None, description="Name of the Location it applies to.")
    cumulative: bool = Field(default=False, description="A running total ('death toll rose to').")
    part_of: int | None = Field(
        default=None, description="Index in this event's counts of the total this is part of."
    )


class Source(_Model):
    """Who is speaking."""

    name: str | None = Field(default=None, description="Name, or null when unnamed.")
    kind: SourceKind
    title: str | None = None
    affiliation: str | None = None


class Attribution(Mention):
    """Who says so."""

    source: Source
    verb: str = Field(description="Reporting verb lemma-like form: said, told, reported, ...")
    channel: str | None = Field(default=None, description="e.g. 'Telegram', 'social media'.")
    via: str | None = Field(default=None, description="Outlet that carried it.")
    quote: str | None = Field(default=None, description="The quoted words, if any.")


class EventDate(_Model):
    """When an event happened, resolved against the publication date."""

    value: str | None = Field(default=None, description="YYYY-MM-DD, or null if unresolved.")
    text: str = Field(description="The date words in the article.")
    span: Span | None = None
    precision: Literal["day", "week", "month", "year"] | None = None
    end: str | None = Field(default=None, description="Last day of a period, YYYY-MM-DD.")
    rule: str | None = None


class Event(_Model):
    """One happening, read from one sentence or bullet."""

    id: str = Field(description="<doc_id>#<n>, unique in the output.")
    type: str = Field(description="Event type from the taxonomy in patterns/event_types.json.")
    text: str
    span: Span
    date: EventDate | None = None
    actors: list[Actor] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    counts: list[Count] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    confidence: float = Field(ge=0, le=1)
    section: str | None = Field(default=None, description="Heading the event sits under.")
    acled: dict[str, str] | None = Field(
        default=None, description="ACLED event_type / sub_event_type the type maps to."
    )
    plover: str | None = Field(default=None, description="PLOVER category the type maps to.")


class ErrorRecord(_Model):
    """Why a document could not be processed."""

    type: str
    message: str


class Provenance(_Model):
    version: str
    model: str


class Document(_Model):
    """One input article and what was extracted from it."""

    doc_id: str
    source: str
    published: str | None = Field(default=None, description="YYYY-MM-DD used to resolve dates.")
    title: str | None = None
    url: str | None = None
    published_rule: str | None = Field(
        default=None, description="Where the publication date came from."
    )
    encoding: str | None = Field(
        default=None, description="Encoding assumed when the input was not UTF-8."
    )
    warnings: list[str] = Field(
        default_factory=list,
        description="Contradictions found, e.g. a war-day counter that disagrees with the date.",
    )
    events: list[Event] = Field(default_factory=list)
    error: ErrorRecord | None = None
    extractor: Provenance
