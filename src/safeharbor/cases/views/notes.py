"""Case notes with their documents, and the youth's photo: written and corrected by those who change
the record, read (every download audited) by those who may see the notes or the identity."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from safeharbor.accounts.http import AuthenticatedRequest
from safeharbor.cases import queries
from safeharbor.cases.actions import Upload, amend_note, upload_photo, write_note
from safeharbor.cases.forms.notes import AGAIN, AmendNoteForm, NoteForm, PhotoForm
from safeharbor.cases.queries import YouthRecord
from safeharbor.domain.access import Action
from safeharbor.ui.forms import run_action


def _editable(request: AuthenticatedRequest, pk: int) -> YouthRecord:
    return queries.get_youth(actor=request.user, pk=pk, action=Action.EDIT)


def _page(
    request: AuthenticatedRequest, record: YouthRecord, form: object, title: str, **extra: object
) -> HttpResponse:
    context = {"record": record, "youth": record.youth, "form": form, "title": title, **extra}
    return render(request, "cases/note_form.html", context)


def _uploads(upload: UploadedFile[bytes] | None) -> tuple[Upload, ...]:
    return () if upload is None else (Upload(upload.name or "", upload.read()),)


@login_required
@require_http_methods(["GET", "POST"])
def note_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Write a dated case note, with a document attached if the caseworker has one."""
    record = _editable(request, pk)
    form = NoteForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        note = run_action(
            form,
            lambda: write_note(
                actor=request.user,
                youth=record.youth,
                noted_on=data["noted_on"],
                text=data["text"],
                idempotency_key=data["idempotency_key"],
                attachments=_uploads(data["attachment"]),
            ),
        )
        if note is not None:
            messages.success(request, "The note is saved.")
            return redirect("cases:youth", pk=pk)
        _choose_again(form)
    return _page(request, record, form, "Write a case note", multipart=True)


def _choose_again(form: NoteForm) -> None:
    """Remind the person that a refused file must be chosen again (browsers forget it)."""
    if "attachment" in form.errors and AGAIN.strip() not in str(form.errors["attachment"]):
        form.errors["attachment"].append(AGAIN.strip())


@login_required
@require_http_methods(["GET", "POST"])
def note_amend(request: AuthenticatedRequest, pk: int, note_pk: int) -> HttpResponse:
    """Correct a case note with an amendment and its reason (refused on a stale version)."""
    record = _editable(request, pk)
    view = queries.get_note(record, note_pk)
    current = view.current
    initial = {"version": view.original.version, "noted_on": current.noted_on, "text": current.text}
    form = AmendNoteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        amendment = run_action(
            form,
            lambda: amend_note(
                actor=request.user,
                note=view.original,
                noted_on=data["noted_on"],
                text=data["text"],
                reason=data["reason"],
                seen_version=data["version"],
                idempotency_key=data["idempotency_key"],
            ),
        )
        if amendment is not None:
            messages.success(request, "The correction is saved; the note as first written is kept.")
            return redirect("cases:youth", pk=pk)
    return _page(request, record, form, "Correct a case note", note=view)


@login_required
@require_GET
def attachment(
    request: AuthenticatedRequest, pk: int, note_pk: int, attachment_pk: int
) -> HttpResponse:
    """Send one note's document to someone who may see the notes (the download is audited)."""
    found = queries.get_attachment(
        actor=request.user, pk=pk, note_pk=note_pk, attachment_pk=attachment_pk
    )
    response = HttpResponse(found.content.data, content_type=found.media_type)
    response["Content-Disposition"] = content_disposition_header(True, found.name) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def photo_upload(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Add a new photo of the youth (an image, checked by its content)."""
    record = _editable(request, pk)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["photo"].read()
        saved = run_action(
            form, lambda: upload_photo(actor=request.user, youth=record.youth, data=data)
        )
        if saved is not None:
            messages.success(request, "The photo is saved.")
            return redirect("cases:youth", pk=pk)
    return _page(request, record, form, "Add a photo", multipart=True, photo=record.photo())


@login_required
@require_GET
def photo(request: AuthenticatedRequest, pk: int, photo_pk: int) -> HttpResponse:
    """Send the youth's photo to someone who may see the identity (audited)."""
    found = queries.get_photo(actor=request.user, pk=pk, photo_pk=photo_pk)
    response = HttpResponse(found.content.data, content_type=found.media_type)
    response["Content-Disposition"] = f'inline; filename="photo-{found.pk}.jpg"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
