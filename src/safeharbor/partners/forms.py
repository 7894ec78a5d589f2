"""Forms for referrals, team meetings, needs and the service directory.

Free text entered by staff is checked for harmful words (``ui.forms.WordingChecked``): each is
named with a respectful alternative, and the worker may take it or keep their wording when
quoting someone.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from safeharbor.accounts.models import District, User
from safeharbor.cases.models import Youth
from safeharbor.domain.access import DEFAULT_PARTNER_FIELDS, FieldGroup
from safeharbor.domain.needs import CATALOGUE, UNCONDITIONAL
from safeharbor.obligations.models import METHOD_CHOICES
from safeharbor.partners.models import (
    AGENCY_FIELDS,
    MEETING_KIND_CHOICES,
    NEED_CHOICES,
    NEED_STATUS_CHOICES,
    PURPOSE_CHOICES,
    REFERRAL_STATUS_CHOICES,
    REFERRED_TO_CHOICES,
    MeetingInvitee,
    Need,
    Referral,
    ServiceAgency,
)
from safeharbor.partners.queries import NeedsPlan, agencies_for_referral
from safeharbor.ui.forms import KeyedForm, LocalDateTimeField, WordingChecked

if TYPE_CHECKING:
    _UserChoices = forms.ModelMultipleChoiceField[User]
else:  # Django's form fields take no type arguments at run time
    _UserChoices = forms.ModelMultipleChoiceField

FIELD_GROUP_LABELS = {
    FieldGroup.IDENTITY: "Identity: names, date of birth, gender, languages",
    FieldGroup.DEMOGRAPHICS: "Demographics and custody status",
    FieldGroup.PLACEMENTS: "Placement history (without addresses)",
    FieldGroup.PLACEMENT_ADDRESS: "Placement address (the unit supervisor decides)",
    FieldGroup.SCREENINGS: "Screenings: all assessed risk factors",
    FieldGroup.MISSING: "Missing episodes and returns",
    FieldGroup.OBLIGATIONS: "Obligations and deadlines",
    FieldGroup.REFERRALS: "Referrals",
    FieldGroup.MEETINGS: "Team meetings they are invited to",
    FieldGroup.NEEDS: "Needs and services",
    FieldGroup.NOTES: "Case notes and disclosure narratives",
}
DURATION_CHOICES = [(30, "30 minutes"), (60, "1 hour"), (90, "1½ hours"), (120, "2 hours")]
NEXT_STEP_ROWS = 4


def _choices(form: forms.Form, name: str) -> forms.ChoiceField:
    """Return the choice field ``name`` of ``form``, to set its choices for this page."""
    return cast(forms.ChoiceField, form.fields[name])


def _model_choices(form: forms.Form, name: str) -> forms.ModelChoiceField[Any]:
    """Return the model choice field ``name`` of ``form``, to set its queryset for this page."""
    return cast("forms.ModelChoiceField[Any]", form.fields[name])


def _local_end_of_day(day: dt.date) -> dt.datetime:
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return dt.datetime.combine(day, dt.time(23, 59), tzinfo=zone)


# --- referrals ----------------------------------------------------------------------------------


class ReferralForm(KeyedForm, WordingChecked):
    """A referral: to whom, why, what was shared with whom and on what basis."""

    checked_fields = ("information_shared",)

    referred_to = forms.ChoiceField(label="Referred to", choices=REFERRED_TO_CHOICES)
    purpose = forms.ChoiceField(label="Purpose", choices=[("", "Choose"), *PURPOSE_CHOICES])
    service_agency = forms.ModelChoiceField(
        label="Community agency (from the service directory)",
        queryset=ServiceAgency.objects.none(),
        required=False,
        empty_label="Choose an agency",
        help_text="For a referral to a community agency. Not listed? Ask an administrator.",
    )
    need = forms.ModelChoiceField(
        label="For which need (optional)",
        queryset=Need.objects.none(),
        required=False,
        empty_label="Not for one need",
    )
    organization = forms.CharField(
        label="Organization",
        max_length=200,
        required=False,
        help_text="Filled from the directory for a community agency.",
    )
    contact = forms.CharField(label="Contact person and number", max_length=200, required=False)
    made_at = LocalDateTimeField(label="When the referral was made")
    method = forms.ChoiceField(
        label="How it was made (law enforcement and DA: this is also the report)",
        choices=[("", "Choose"), *METHOD_CHOICES],
        required=False,
    )
    reference_number = forms.CharField(
        label="Reference number",
        max_length=80,
        required=False,
        help_text="Law enforcement: the report or NCIC number they gave.",
    )
    information_shared = forms.CharField(
        label="What information was shared", widget=forms.Textarea(attrs={"rows": 4})
    )
    shared_with = forms.CharField(label="Shared with (name and role)", max_length=200)
    basis = forms.CharField(
        label="Basis for sharing",
        max_length=300,
        help_text="e.g. the agency's HTCSEC policy (seed 002 §VII.B), MDT protocol, court order.",
    )

    def __init__(self, *args: Any, youth: Youth, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_choices(self, "service_agency").queryset = agencies_for_referral(youth)
        _model_choices(self, "need").queryset = youth.needs.all()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        to = cleaned.get("referred_to")
        if to == "community_agency" and not cleaned.get("service_agency"):
            self.add_error("service_agency", "Choose the agency from the service directory.")
        if to != "community_agency" and not (cleaned.get("organization") or "").strip():
            self.add_error("organization", "Name the organization the youth was referred to.")
        if to in ("law_enforcement", "district_attorney") and not cleaned.get("method"):
            self.add_error("method", "Say how the referral was made: it is also the report.")
        return cleaned

    def action_arguments(self) -> dict[str, Any]:
        """Return the arguments ``record_referral`` takes."""
        data = self.cleaned_data
        names = (
            "referred_to",
            "purpose",
            "service_agency",
            "need",
            "organization",
            "contact",
            "made_at",
            "method",
            "reference_number",
            "information_shared",
            "shared_with",
            "basis",
            "idempotency_key",
        )
        return {name: data.get(name) if data.get(name) is not None else "" for name in names} | {
            "service_agency": data.get("service_agency"),
            "need": data.get("need"),
        }


class ReferralStatusForm(WordingChecked):
    """Accepted, declined or completed, with the outcome."""

    checked_fields = ("outcome",)

    status = forms.ChoiceField(choices=REFERRAL_STATUS_CHOICES)
    outcome = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


# --- meetings -----------------------------------------------------------------------------------


class InviteeChoice(_UserChoices):
    """Invitees by name, role and organization."""

    def label_from_instance(self, obj: User) -> str:
        if obj.role == "mdt_partner":
            return f"{obj} — {obj.get_partner_kind_display()}, {obj.organization}"
        return f"{obj} — {obj.get_role_display()}{', ' + obj.title if obj.title else ''}"


class MeetingForm(KeyedForm):
    """Schedule a meeting: when, where, who, and what is shared with partner invitees."""

    kind = forms.ChoiceField(label="Meeting", choices=MEETING_KIND_CHOICES)
    cac_referral = forms.ModelChoiceField(
        label="The CAC referral that convenes it",
        queryset=Referral.objects.none(),
        required=False,
        empty_label="Choose the CAC referral",
    )
    starts_at = LocalDateTimeField(label="Starts")
    duration = forms.TypedChoiceField(
        label="How long", choices=DURATION_CHOICES, coerce=int, initial=60
    )
    location = forms.CharField(
        label="Where",
        max_length=200,
        help_text="A meeting room or the call's link. Never the youth's placement.",
    )
    invitees = InviteeChoice(
        label="Invite",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    guests = forms.CharField(
        label="Others with meaningful contact, without an account (one per line: name, role)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="e.g. “Dana Reyes, foster parent”. They get no e-mail and no access.",
    )
    share_fields = forms.MultipleChoiceField(
        label="Share with the partner invitees",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    share_basis = forms.CharField(label="Basis for sharing", max_length=200)
    share_until = forms.DateField(
        label="Sharing ends on",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Partners lose access at the end of this day. At most 180 days after.",
    )

    def __init__(
        self,
        *args: Any,
        invitees: list[User],
        cac_referrals: QuerySet[Referral],
        can_share_address: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _model_choices(self, "invitees").queryset = User.objects.filter(
            pk__in=[u.pk for u in invitees]
        )
        _model_choices(self, "cac_referral").queryset = cac_referrals
        offered: list[FieldGroup] = [g for g in FieldGroup if g is not FieldGroup.PLACEMENT_ADDRESS]
        if can_share_address:
            offered.append(FieldGroup.PLACEMENT_ADDRESS)
        _choices(self, "share_fields").choices = [(g.value, FIELD_GROUP_LABELS[g]) for g in offered]
        self.fields["share_fields"].initial = sorted(DEFAULT_PARTNER_FIELDS)

    def clean_guests(self) -> list[tuple[str, str]]:
        guests = []
        for line in (self.cleaned_data.get("guests") or "").splitlines():
            if line.strip():
                name, _, role = line.partition(",")
                guests.append((name.strip(), role.strip() or "meaningful contact"))
        if len(guests) > 20:
            raise forms.ValidationError("Invite at most 20 guests.")
        return guests

    def ends_at(self) -> dt.datetime:
        """Return the end time from the start and the duration."""
        starts_at: dt.datetime = self.cleaned_data["starts_at"]
        return starts_at + dt.timedelta(minutes=self.cleaned_data["duration"])

    def share_expires_at(self) -> dt.datetime:
        """Return the end of the chosen day in the agency's zone."""
        return _local_end_of_day(self.cleaned_data["share_until"])

    def shared_groups(self) -> frozenset[FieldGroup]:
        """Return the field groups chosen for the partner invitees."""
        return frozenset(FieldGroup(value) for value in self.cleaned_data["share_fields"])

    def meeting_arguments(self) -> dict[str, Any]:
        """Return the arguments ``schedule_meeting`` takes as plain values (not the sharing and
        the guests, which the view gives as the action's own types)."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "starts_at": data["starts_at"],
            "ends_at": self.ends_at(),
            "location": data["location"],
            "invitees": list(data["invitees"]),
            "cac_referral": data["cac_referral"],
            "idempotency_key": data["idempotency_key"],
        }


class OutcomeForm(WordingChecked):
    """What happened at the meeting: when, who came, decisions, safety plan, next steps."""

    checked_fields = ("decisions", "safety_plan")

    held_at = LocalDateTimeField(label="When it was held")
    attended = forms.MultipleChoiceField(
        label="Who attended", widget=forms.CheckboxSelectMultiple, required=False
    )
    decisions = forms.CharField(
        label="What the team decided", widget=forms.Textarea(attrs={"rows": 5}), max_length=20000
    )
    safety_plan = forms.CharField(
        label="Safety plan",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        required=False,
        help_text="Partners invited to this meeting read it: never write the placement address.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, invitees: list[MeetingInvitee], owners: list[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "attended").choices = [(str(i.pk), str(i)) for i in invitees]
        owner_choices = [("", "Choose the owner"), *[(str(u.pk), str(u)) for u in owners]]
        self.owners = {str(u.pk): u for u in owners}
        for n in range(1, NEXT_STEP_ROWS + 1):
            self.fields[f"step_{n}"] = forms.CharField(
                label=f"Next step {n}", max_length=300, required=False
            )
            self.fields[f"step_{n}_owner"] = forms.ChoiceField(
                label=f"Owner of step {n}", choices=owner_choices, required=False
            )
            self.fields[f"step_{n}_due"] = LocalDateTimeField(label=f"Step {n} due", required=False)

    def fields_to_check(self) -> list[str]:
        """Return the decisions, the safety plan and every next step's words."""
        return [*self.checked_fields, *(f"step_{n}" for n in range(1, NEXT_STEP_ROWS + 1))]

    def step_rows(self) -> list[tuple[Any, Any, Any]]:
        """Return the bound fields of each next-step row, for the template."""
        return [
            (self[f"step_{n}"], self[f"step_{n}_owner"], self[f"step_{n}_due"])
            for n in range(1, NEXT_STEP_ROWS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for n in range(1, NEXT_STEP_ROWS + 1):
            text, owner, due = (
                cleaned.get(k) for k in (f"step_{n}", f"step_{n}_owner", f"step_{n}_due")
            )
            if text and not owner:
                self.add_error(f"step_{n}_owner", "Name who owns this next step.")
            if text and not due:
                self.add_error(f"step_{n}_due", "Say when this next step is due.")
            if not text and (owner or due):
                self.add_error(f"step_{n}", "Say what the next step is.")
        return cleaned

    def present(self) -> set[int]:
        """Return the invitees ticked as present."""
        return {int(pk) for pk in self.cleaned_data["attended"]}

    def steps(self) -> list[tuple[str, User, dt.datetime]]:
        """Return the next steps filled in: (description, owner, due)."""
        data = self.cleaned_data
        return [
            (data[f"step_{n}"], self.owners[data[f"step_{n}_owner"]], data[f"step_{n}_due"])
            for n in range(1, NEXT_STEP_ROWS + 1)
            if data.get(f"step_{n}")
        ]


class CancelForm(forms.Form):
    """Cancel a meeting, saying why."""

    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput)


class RevokeForm(forms.Form):
    """End a partner's sharing now, saying why."""

    reason = forms.CharField(label="Why the sharing ends", max_length=500)


class StepDoneForm(WordingChecked):
    """Record a next step as done."""

    checked_fields = ("note",)
    note = forms.CharField(label="What was done", max_length=2000, required=False)


# --- needs --------------------------------------------------------------------------------------

PRIORITY_CHOICES = [("", "Not said"), *NEED_CHOICES]


class NeedsAssessmentForm(WordingChecked):
    """The youth's own priorities first, then each need of SPEC §6 with its plan."""

    assessed_on = forms.DateField(
        label="Date of the conversation", widget=forms.DateInput(attrs={"type": "date"})
    )
    youth_took_part = forms.BooleanField(
        label="The youth took part in this assessment", required=False, initial=True
    )
    priority_1 = forms.ChoiceField(
        label="What the youth needs most", choices=PRIORITY_CHOICES, required=False
    )
    priority_2 = forms.ChoiceField(label="Second", choices=PRIORITY_CHOICES, required=False)
    priority_3 = forms.ChoiceField(label="Third", choices=PRIORITY_CHOICES, required=False)
    in_youth_words = forms.CharField(
        label="In the youth's own words",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )

    unconditional = UNCONDITIONAL

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in CATALOGUE:
            self.fields[f"need_{kind.id}"] = forms.BooleanField(label=kind.label, required=False)
            self.fields[f"plan_{kind.id}"] = forms.CharField(
                label=f"Plan for {kind.label.lower()}",
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=5000,
                required=False,
            )

    def fields_to_check(self) -> list[str]:
        """Return the youth's own words and every need's plan."""
        return ["in_youth_words", *(f"plan_{kind.id}" for kind in CATALOGUE)]

    @staticmethod
    def initial_from(plan: NeedsPlan | None, today: dt.date) -> dict[str, Any]:
        """Return the starting values: today, and the needs already on the plan with theirs."""
        initial: dict[str, Any] = {"assessed_on": today, "youth_took_part": True}
        for need in plan.needs if plan else []:
            initial[f"need_{need.kind}"] = True
            initial[f"plan_{need.kind}"] = need.plan
        return initial

    def clean_assessed_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["assessed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The assessment cannot be dated in the future.")
        return day

    def rows(self) -> list[tuple[Any, Any, Any]]:
        """Return (catalogue entry, tick, plan) rows in catalogue order, for the template."""
        return [(kind, self[f"need_{kind.id}"], self[f"plan_{kind.id}"]) for kind in CATALOGUE]

    def priorities(self) -> list[str]:
        """Return the youth's priorities given, first to last."""
        values = [self.cleaned_data.get(f"priority_{n}") for n in (1, 2, 3)]
        return [value for value in values if value]

    def plans(self) -> dict[str, str]:
        """Return the needs ticked, with their plans."""
        return {
            kind.id: self.cleaned_data.get(f"plan_{kind.id}", "")
            for kind in CATALOGUE
            if self.cleaned_data.get(f"need_{kind.id}")
        }


class NeedForm(WordingChecked):
    """A need's plan and status."""

    checked_fields = ("plan",)

    plan = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )
    status = forms.ChoiceField(choices=NEED_STATUS_CHOICES)
    version = forms.IntegerField(widget=forms.HiddenInput)


# --- the service directory ----------------------------------------------------------------------


class ServiceAgencyForm(WordingChecked):
    """An agency in the service directory."""

    checked_fields = ("services", "eligibility")

    name = forms.CharField(max_length=200)
    districts = forms.ModelMultipleChoiceField(
        label="Districts served",
        queryset=District.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    needs = forms.MultipleChoiceField(
        label="Needs it meets",
        choices=NEED_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sexual_assault_support = forms.BooleanField(
        label="Provides sexual assault support services", required=False
    )
    services = forms.CharField(
        label="What the agency does", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    phone = forms.CharField(max_length=40, required=False)
    email = forms.EmailField(label="E-mail", required=False)
    website = forms.URLField(required=False, assume_scheme="https")
    address = forms.CharField(label="Office address", max_length=300, required=False)
    contact_person = forms.CharField(max_length=120, required=False)
    languages = forms.CharField(max_length=200, initial="English")
    eligibility = forms.CharField(
        label="Who may be served",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text="Ages, area, any criteria. Never cooperation with an investigation (seed 001).",
    )
    active = forms.BooleanField(
        label="In the directory (offered for referrals)", required=False, initial=True
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def initial_from(agency: ServiceAgency | None) -> dict[str, Any]:
        """Return the starting values: the agency's own, or those of a new entry."""
        if agency is None:
            return {"active": True, "languages": "English"}
        initial = {name: getattr(agency, name) for name in AGENCY_FIELDS}
        return initial | {"districts": list(agency.districts.all()), "version": agency.version}

    def values(self) -> dict[str, Any]:
        """Return the fields ``save_service_agency`` takes (without districts)."""
        return {name: self.cleaned_data[name] for name in AGENCY_FIELDS}
