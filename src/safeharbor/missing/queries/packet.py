"""The report packet's content (``missing.packet`` draws it): what one actor may put in it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from safeharbor.accounts.models import User
from safeharbor.audit.actions import record_event
from safeharbor.domain.access import FieldGroup
from safeharbor.missing.patterns import supervisors_of
from safeharbor.missing.queries.episodes import EpisodeRecord, get_episode


@dataclass(frozen=True)
class Packet:
    """What one actor's report packet holds: the address only for those who may see it."""

    record: EpisodeRecord
    generated_by: User
    generated_at: dt.datetime
    shows_placement: bool
    shows_demographics: bool
    address: str | None
    provider: str | None
    supervisors: list[User]
    photo: bytes | None = None  # the youth's current photo (a JPEG), for those who see identity


def packet_for(*, actor: User, pk: int, episode_pk: int) -> Packet:
    """Return the report packet's content for ``actor``; audit its generation (and any address)."""
    record = get_episode(actor=actor, pk=pk, episode_pk=episode_pk)
    placement = record.episode.placement
    with_address = placement is not None and _shows_address(record)
    photo = record.record.photo()
    _audit_packet(actor, record, with_address, photo is not None)
    return Packet(
        record=record,
        generated_by=actor,
        generated_at=record.now,
        shows_placement=record.record.shows(FieldGroup.PLACEMENTS),
        shows_demographics=record.record.shows(FieldGroup.DEMOGRAPHICS),
        address=placement.address if with_address and placement else None,
        provider=placement.provider_name if with_address and placement else None,
        supervisors=supervisors_of(record.youth),
        photo=photo.content.data if photo is not None else None,
    )


def _shows_address(record: EpisodeRecord) -> bool:
    """Return whether the actor may see the address of the placement the youth left."""
    youth = record.record
    return youth.can["view_address"] and youth.shows(FieldGroup.PLACEMENT_ADDRESS)


def _audit_packet(actor: User, record: EpisodeRecord, with_address: bool, with_photo: bool) -> None:
    """Record that the packet was generated, and that the address was read when it is in it."""
    with transaction.atomic():
        record_event(
            actor=actor,
            action="missing.packet_generated",
            target=record.episode,
            youth=record.youth,
            detail={"address_included": with_address, "photo_included": with_photo},
        )
        if with_address:
            record_event(
                actor=actor,
                action="youth.address_viewed",
                target=record.episode.placement,
                youth=record.youth,
                detail={"purpose": "missing-report packet"},
            )
