"""Team meeting forms: schedule, record what happened, cancel, end a sharing, a step done."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.db.models import Case, QuerySet, Value, When

from safeharbor.accounts.models import User
from safeharbor.domain.access import MINIMUM_PARTNER_FIELDS, FieldGroup
from safeharbor.domain.sharing import GROUP_WORDS, PartnerKind, partner_kind
from safeharbor.partners.forms.fields import choice_field, model_choice_field
from safeharbor.partners.models import MEETING_KIND_CHOICES, MeetingInvitee, Referral
from safeharbor.ui.forms import KeyedForm, LocalDateTimeField, WordingChecked

if TYPE_CHECKING:
    _UserChoices = forms.ModelMultipleChoiceField[User]
else:  # Django's form fields take no type arguments at run time
    _UserChoices = forms.ModelMultipleChoiceField

FIELD_GROUP_LABELS = {
    FieldGroup.IDENTITY: "Identity: names, date of birth, gender, languages, photo",
    FieldGroup.DEMOGRAPHICS: "Demographics and custody status",
    FieldGroup.PLACEMENTS: "Placement history (without addresses)",
    FieldGroup.PLACEMENT_ADDRESS: "Placement address (the unit supervisor decides)",
    FieldGroup.SCREENINGS: "Screenings: all assessed risk factors",
    FieldGroup.MISSING: "Missing episodes, their reports and returns",
    FieldGroup.MISSING_RISK: "Risk details while missing (suicide risk, pregnancy, medication…)",
    FieldGroup.OBLIGATIONS: "Obligations and deadlines",
    FieldGroup.REFERRALS: "Referrals",
    FieldGroup.MEETINGS: "Team meetings they are invited to",
    FieldGroup.NEEDS: "Needs and services",
    FieldGroup.NOTES: (
        "Case notes with their documents, and disclosure narratives (always needs approval)"
    ),
}


def group_labels(groups: Iterable[str]) -> list[str]:
    """Return field groups (values or members) in words, in the catalogue's order."""
    chosen = {str(g) for g in groups}
    return [GROUP_WORDS[g] for g in FieldGroup if g.value in chosen]


DURATION_CHOICES = [(30, "30 minutes"), (60, "1 hour"), (90, "1½ hours"), (120, "2 hours")]
NEXT_STEP_ROWS = 4


def _offered(with_address: bool) -> list[tuple[str, str]]:
    """Return the field groups one may add to a partner's sharing (identity and meetings are
    always in it; the address, last, only for the unit supervisor)."""
    groups = [g for g in FieldGroup if g not in MINIMUM_PARTNER_FIELDS]
    groups.sort(key=lambda g: g is FieldGroup.PLACEMENT_ADDRESS)
    if not with_address:
        groups.remove(FieldGroup.PLACEMENT_ADDRESS)
    return [(g.value, FIELD_GROUP_LABELS[g]) for g in groups]


def _local_end_of_day(day: dt.date) -> dt.datetime:
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return dt.datetime.combine(day, dt.time(23, 59), tzinfo=zone)


class InviteeChoice(_UserChoices):
    """Invitees by name, role and organization; a partner with their district and what they see."""

    defaults: dict[PartnerKind, frozenset[FieldGroup]] = {}

    def label_from_instance(self, obj: User) -> str:
        if obj.role == "mdt_partner":
            where = f" ({obj.district})" if obj.district_id else " (no district)"
            sees = ", ".join(group_labels(self.defaults.get(partner_kind(obj.partner_kind), ())))
            return (
                f"{obj} — {obj.get_partner_kind_display()}, {obj.organization}{where}. Sees: {sees}"
            )
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
        max_length=2000,
        help_text="e.g. “Dana Reyes, foster parent”. They get no e-mail and no access.",
    )
    share_extra = forms.MultipleChoiceField(
        label="Share more than each partner's default (needs the unit supervisor's approval)",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Usually nothing: each partner sees what their kind needs (the table above). "
        "Anything more, and notes and narratives always, only the unit supervisor shares, "
        "with a reason.",
    )
    approval_reason = forms.CharField(
        label="Why the supervisor approves sharing more",
        max_length=300,
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
        defaults: dict[PartnerKind, frozenset[FieldGroup]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = model_choice_field(self, "invitees")
        order = {u.pk: n for n, u in enumerate(invitees)}  # the district's partners first
        in_order = Case(*(When(pk=pk, then=Value(n)) for pk, n in order.items()))
        choices.queryset = (
            User.objects.filter(pk__in=order).select_related("district").order_by(in_order)
        )
        assert isinstance(choices, InviteeChoice)
        choices.defaults = defaults
        model_choice_field(self, "cac_referral").queryset = cac_referrals
        choice_field(self, "share_extra").choices = _offered(can_share_address)

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

    def extra_groups(self) -> frozenset[FieldGroup]:
        """Return the field groups chosen beyond each partner's default."""
        return frozenset(FieldGroup(value) for value in self.cleaned_data["share_extra"])

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
        choice_field(self, "attended").choices = [(str(i.pk), str(i)) for i in invitees]
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

    def steps(self) -> list[tuple[str, User, dt.datetime, str]]:
        """Return the next steps filled in: (description, owner, due, the field's name)."""
        data = self.cleaned_data
        return [
            (
                data[f"step_{n}"],
                self.owners[data[f"step_{n}_owner"]],
                data[f"step_{n}_due"],
                f"step_{n}",
            )
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


class WidenForm(forms.Form):
    """The unit supervisor lets one partner see more, with a reason."""

    fields_added = forms.MultipleChoiceField(
        label="Also share", widget=forms.CheckboxSelectMultiple
    )
    approval_reason = forms.CharField(label="Why you approve it", max_length=300)

    def __init__(self, *args: Any, can_share_address: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "fields_added").choices = _offered(can_share_address)

    def added(self) -> frozenset[FieldGroup]:
        """Return the field groups to add."""
        return frozenset(FieldGroup(value) for value in self.cleaned_data["fields_added"])


class SharingDefaultForm(forms.Form):
    """What one kind of partner sees by default (an administrator's setting)."""

    groups = forms.MultipleChoiceField(
        label="Sees by default, besides the youth's identity and the meetings",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        never = {FieldGroup.NOTES, FieldGroup.PLACEMENT_ADDRESS}
        choice_field(self, "groups").choices = [
            (value, label) for value, label in _offered(False) if value not in never
        ]


class StepDoneForm(WordingChecked):
    """Record a next step as done."""

    checked_fields = ("note",)
    note = forms.CharField(label="What was done", max_length=2000, required=False)
