"""The missing-report packet: one printable PDF with what law enforcement (for the NCIC entry)
and NCMEC ask for when a child is missing from care (SPEC §3, §5; seed 004 "What To Do: If a
Child in Care Goes Missing").

Built with ReportLab from a ``queries.Packet``, which has already decided what the person
generating it may see: the placement address and provider only with ``Action.VIEW_ADDRESS``,
each part of the record only with its field group. Times are in the agency's zone.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from safeharbor.missing.queries import Packet

NCMEC = "NCMEC 24-hour hotline 1-800-THE-LOST (1-800-843-5678) · CMFC.MissingKids.org/Missing"
NOT_RECORDED = "Not recorded"
WITHHELD = "Withheld: you may not see the placement address. Ask the caseworker or supervisor."
WITHHELD_RISKS = "Not shared with you: the risk details are shared separately."

_STYLES = getSampleStyleSheet()
_BODY = ParagraphStyle("body", parent=_STYLES["BodyText"], fontSize=9.5, leading=12)
_LABEL = ParagraphStyle("label", parent=_BODY, fontName="Helvetica-Bold")
_H1 = ParagraphStyle("h1", parent=_STYLES["Heading1"], fontSize=16, spaceAfter=4)
_H2 = ParagraphStyle("h2", parent=_STYLES["Heading2"], fontSize=12, spaceBefore=8, spaceAfter=3)
_SMALL = ParagraphStyle("small", parent=_BODY, fontSize=8, leading=10, textColor=colors.grey)


def when(moment: dt.datetime | None) -> str:
    """Return a time in the agency's zone, e.g. ``Mar 4, 2026 10:00 PM CST``."""
    if moment is None:
        return NOT_RECORDED
    local = timezone.localtime(moment)
    return f"{local:%b} {local.day}, {local.year} {local.hour % 12 or 12}:{local:%M %p %Z}"


def _p(text: object, style: ParagraphStyle = _BODY) -> Paragraph:
    words = str(text).strip() if text not in (None, "") else NOT_RECORDED
    return Paragraph(escape(words).replace("\n", "<br/>"), style)


def _rows(pairs: Iterable[tuple[str, object]]) -> Table:
    data = [[_p(label, _LABEL), _p(value)] for label, value in pairs]
    table = Table(data, colWidths=[1.9 * inch, 5.1 * inch])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def render(packet: Packet) -> bytes:
    """Return the packet as PDF bytes."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=0.7 * inch,
        rightMargin=0.7 * inch,
        topMargin=0.6 * inch,
        bottomMargin=0.6 * inch,
        title="SafeHarbor missing-report packet",
        author="SafeHarbor",
        subject="Confidential: a child missing from care",
    )
    document.build(list(_story(packet)))
    return buffer.getvalue()


def _story(packet: Packet) -> Iterable[object]:
    episode = packet.record.episode
    youth = packet.record.youth
    yield _p(f"Missing child report packet: {youth.short_name}", _H1)
    yield _p(
        f"Confidential: information about a child in the agency's care, for law enforcement and "
        f"NCMEC only. Generated {when(packet.generated_at)} by {packet.generated_by}. "
        f"Times in {settings.TIME_ZONE}.",
        _SMALL,
    )
    yield _p(NCMEC, _SMALL)
    yield Spacer(1, 6)
    yield from _section("Identity", _identity(packet))
    yield from _section("Physical description (as last seen)", _description(packet))
    yield from _photo(packet)
    yield from _section("Last seen", _last_seen(packet))
    yield from _section("The placement the youth left", _placement(packet))
    yield from _section("Circumstances", [("What happened", episode.circumstances)])
    yield from _section("Risk information", _risks(packet))
    yield from _section("Reports made", _reports(packet))
    yield from _section("Previous missing episodes", _previous(packet))
    yield from _section("Efforts to locate the youth so far", _efforts(packet))
    yield from _section("Agency contacts", _contacts(packet))


def _section(title: str, pairs: list[tuple[str, object]]) -> Iterable[object]:
    yield _p(title, _H2)
    yield _rows(pairs) if pairs else _p("None recorded.")


def _identity(packet: Packet) -> list[tuple[str, object]]:
    youth = packet.record.youth
    legal = " ".join(
        n for n in (youth.legal_first_name, youth.legal_middle_name, youth.legal_last_name) if n
    )
    today = timezone.localdate(packet.generated_at)
    rows: list[tuple[str, object]] = [
        ("Legal name", legal),
        ("Preferred name", youth.preferred_name or youth.legal_first_name),
        (
            "Date of birth",
            f"{youth.date_of_birth:%b} {youth.date_of_birth.day}, "
            f"{youth.date_of_birth.year} (age {youth.age_on(today)})",
        ),
        (
            "Gender identity",
            " ".join(filter(None, [youth.gender_identity, _paren(youth.pronouns)])),
        ),
        ("Languages", ", ".join(filter(None, [youth.primary_language, youth.other_languages]))),
        ("Agency record number", youth.record_number),
    ]
    if packet.shows_demographics:
        rows += [
            ("Race", ", ".join(youth.race_labels)),
            ("Hispanic or Latino", youth.get_hispanic_latino_display()),
            ("Custody status", youth.get_custody_status_display()),
        ]
    return rows


def _paren(text: str) -> str:
    return f"({text})" if text else ""


def _description(packet: Packet) -> list[tuple[str, object]]:
    episode = packet.record.episode
    return [
        ("Height", episode.height_words),
        ("Weight", f"{episode.weight_pounds} lb" if episode.weight_pounds else ""),
        ("Hair", episode.hair),
        ("Eyes", episode.get_eyes_display() if episode.eyes else ""),
        ("Scars, marks, tattoos", episode.marks),
        ("Clothing when last seen", episode.clothing),
        ("Current photo", _photo_words(packet)),
    ]


def _photo_words(packet: Packet) -> str:
    """Say where the photo is: printed below, or the reference recorded before photos were kept."""
    if packet.photo is not None:
        return "Printed below."
    return packet.record.episode.photo_reference or packet.record.youth.photo_reference


def _photo(packet: Packet) -> Iterable[object]:
    """Print the youth's current photo, at most 2.5 inches on its longer side."""
    if packet.photo is None:
        return
    drawn = Image(io.BytesIO(packet.photo))
    scale = min(2.5 * inch / drawn.imageWidth, 2.5 * inch / drawn.imageHeight)
    drawn.drawWidth, drawn.drawHeight = drawn.imageWidth * scale, drawn.imageHeight * scale
    drawn.hAlign = "LEFT"
    yield _p("Current photo", _LABEL)
    yield drawn


def _last_seen(packet: Packet) -> list[tuple[str, object]]:
    episode = packet.record.episode
    rows: list[tuple[str, object]] = [
        ("Last seen", when(episode.last_seen_at)),
        ("Kind of absence", episode.get_absence_kind_display() or "Not recorded"),
        ("Where", episode.last_seen_where),
        ("With whom", episode.last_seen_with or "Not known"),
        ("Agency learned of it", when(episode.learned_at)),
    ]
    if episode.returned_at is not None:
        rows.append(("Returned", f"{when(episode.returned_at)}, found at {episode.found_where}"))
    return rows


def _placement(packet: Packet) -> list[tuple[str, object]]:
    placement = packet.record.episode.placement
    if not packet.shows_placement:
        return [("Placement", "Not shared with you.")]
    if placement is None:
        return [("Placement", "Not recorded (not from a placement)")]
    ended = f" to {placement.end_date:%b %d, %Y}" if placement.end_date else ""
    rows: list[tuple[str, object]] = [
        ("Type", placement.get_placement_type_display()),
        (
            "Since",
            f"{placement.start_date:%b} {placement.start_date.day}, "
            f"{placement.start_date.year}{ended}",
        ),
    ]
    if packet.address is None:
        rows.append(("Provider and address", WITHHELD))
    else:
        rows += [("Provider", packet.provider), ("Address", packet.address)]
    return rows


def _risks(packet: Packet) -> list[tuple[str, object]]:
    if not packet.record.shows_risks:
        return [("Risk information", WITHHELD_RISKS)]
    episode = packet.record.episode
    rows: list[tuple[str, object]] = [
        (words, f"{answer}. {detail}" if detail else answer)
        for words, answer, detail in episode.risks()
    ]
    rows.append(("Other risk information", episode.risk_notes or "None recorded"))
    return rows


def _reports(packet: Packet) -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = []
    for line in packet.record.report_lines:
        report = line.current
        parts = [
            f"{report.agency_name}, {when(report.reported_at)}, {report.get_method_display()}",
            f"report number {report.reference_number}" if report.reference_number else "",
            f"NCIC {report.ncic_number}" if report.ncic_number else "",
            f"taken by {report.officer}" if report.officer else "",
            f"reported by {report.reported_by_name or report.recorded_by}",
            "(amended)" if line.amendments else "",
        ]
        label = "NCMEC" if report.recipient == "ncmec" else report.get_recipient_display()
        rows.append((label, "; ".join(p for p in parts if p)))
    for status in packet.record.reports:
        if status.report is None:
            rows.append((status.label, "Not yet recorded"))
    return rows


def _previous(packet: Packet) -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = []
    for earlier in packet.record.previous:
        found = (
            f"returned {when(earlier.returned_at)}; found at "
            f"{earlier.found_where or 'a place not recorded'}"
            + (f" by {earlier.found_by}" if earlier.found_by else "")
            if earlier.returned_at
            else "no return recorded"
        )
        rows.append((f"Missing {when(earlier.last_seen_at)}", found))
    return rows


def _efforts(packet: Packet) -> list[tuple[str, object]]:
    return [
        (
            when(effort.made_at),
            f"{effort.made_by}: {effort.effort}. Result: {effort.result or 'none yet'}",
        )
        for effort in reversed(packet.record.efforts)
    ]


def _contacts(packet: Packet) -> list[tuple[str, object]]:
    youth = packet.record.youth
    rows: list[tuple[str, object]] = [
        ("Caseworker", _person(youth.caseworker) if youth.caseworker else "Awaiting assignment")
    ]
    rows += [("Supervisor", _person(person)) for person in packet.supervisors]
    rows.append(("District", youth.district.name))
    return rows


def _person(person: object) -> str:
    parts = [
        str(person),
        getattr(person, "title", ""),
        getattr(person, "phone", ""),
        getattr(person, "email", ""),
    ]
    return ", ".join(p for p in parts if p)
