"""Forms for reports, referrals, setting an obligation aside, and the agency's clock durations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from safeharbor.domain.clocks import ClockPolicy, policy_keys
from safeharbor.domain.errors import InputError
from safeharbor.domain.reports import AMENDABLE
from safeharbor.obligations.models import METHOD_CHOICES, LegalReport
from safeharbor.ui.forms import KeyedForm, LocalDateTimeField


class LegalReportForm(KeyedForm):
    """A report to law enforcement, NCMEC or the District Attorney: who, how, when, reference."""

    agency_name = forms.CharField(label="Reported to (agency)", max_length=200)
    contact = forms.CharField(label="Contact person and number", max_length=200, required=False)
    method = forms.ChoiceField(label="How it was reported", choices=METHOD_CHOICES)
    reported_at = LocalDateTimeField(label="When it was reported")
    officer = forms.CharField(
        label="Officer or intake specialist who took it", max_length=200, required=False
    )
    reference_number = forms.CharField(
        label="Reference number",
        max_length=80,
        required=False,
        help_text="Law enforcement: the report number. NCMEC: the case number.",
    )
    ncic_number = forms.CharField(
        label="NCIC number",
        max_length=40,
        required=False,
        help_text="Law enforcement, when given; enough on its own if there is no report number.",
    )
    reported_by_name = forms.CharField(
        label="Reported by",
        max_length=200,
        required=False,
        help_text="Only when someone other than you made the report.",
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )


class AmendmentReason(forms.Form):
    """The reason every correction of a recorded report gives (mixed into the report forms)."""

    amendment_reason = forms.CharField(
        label="What is corrected, and why",
        widget=forms.Textarea(attrs={"rows": 2, "class": "height-auto"}),
        max_length=2000,
        help_text="The report as first recorded is kept; this correction is linked to it.",
    )


def report_initial(report: LegalReport) -> dict[str, Any]:
    """Return a correction form's starting values: ``report`` as it now stands, in local time.

    Whom the report went to and what it was about are the report itself, never corrected.
    """
    initial = {name: getattr(report, name) for name in AMENDABLE}
    initial["reported_at"] = timezone.localtime(report.reported_at)
    return initial


class ReportAmendmentForm(AmendmentReason, LegalReportForm):
    """A correction of a report to the DA or law enforcement: its fields as they should read."""

    def __init__(self, *args: Any, recipient: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if recipient != "law_enforcement":  # only law enforcement gives an NCIC number
            del self.fields["ncic_number"]
            self.fields["reference_number"].help_text = ""

    def corrected(self) -> dict[str, Any]:
        """Return what ``amend_legal_report`` takes from the valid form."""
        return {name: self.cleaned_data[name] for name in AMENDABLE if name in self.fields}


class NotApplicableForm(forms.Form):
    """A supervisor sets an obligation aside, saying why."""

    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ClockPolicyForm(forms.Form):
    """The agency-configurable durations in hours, validated by the domain's ``ClockPolicy``."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    LABELS = {
        "complete_screening_hours": "Complete the screening after a report is screened in",
        "return_debrief_hours": "Return debrief and screening after a youth returns",
        "refer_cac_mdt_hours": "CAC referral to convene an MDT",
        "high_risk_da_report_hours": "Report to the District Attorney after a high-risk screening",
        "consultation_meeting_hours": "Consultation meeting after a moderate-risk screening",
        "community_referrals_hours": "Community referrals after an at-risk screening",
        "escalate_pa_hours": "Tell the program administrator once overdue by more than",
        "prior_action_credit_hours": (
            "Count a report, referral or meeting already recorded this long before its duty opens"
        ),
        "report_missing_hours": (
            "Report a missing youth to law enforcement and NCMEC within (24 at most; a state may "
            "require sooner)"
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        defaults = ClockPolicy()
        for key in policy_keys():
            self.fields[key] = forms.FloatField(
                label=f"{self.LABELS[key]} (hours)",
                help_text=f"Default {defaults.hours(key):g} hours.",
                widget=forms.NumberInput(attrs={"step": "any", "min": "0"}),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        values = {key: cleaned[key] for key in policy_keys() if key in cleaned}
        if len(values) == len(policy_keys()):
            try:
                ClockPolicy.from_mapping(values)
            except InputError as error:
                key = (error.field or "").removeprefix("policy.")
                words = error.message.split(": ", 1)[-1]  # the label already names the key
                self.add_error(key if key in self.fields else None, words)
        return cleaned


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A staff member, labelled with their unit (and, for caseworkers, their caseload)."""

    def label_from_instance(self, obj: Any) -> str:
        """Return "Casey Brightwater — Unit 1, 12 youth"."""
        unit = f" — {obj.unit.name}" if obj.unit_id else ""
        load = getattr(obj, "caseload_count", None)
        return f"{obj}{unit}" + (f", {load} youth" if load is not None else "")


class AssignForm(forms.Form):
    """Give the case to a caseworker: who, and a note for the history."""

    caseworker = PersonChoiceField(
        queryset=None, label="Caseworker", empty_label="Choose a caseworker"
    )
    note = forms.CharField(
        label="Note for the assignment history",
        required=False,
        max_length=500,
        help_text="Optional: why this worker, or what they should know first. No case detail.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, caseworkers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = caseworkers  # type: ignore[attr-defined]


class MoveUnitForm(forms.Form):
    """A program administrator moves the case to another unit, to await its supervisor."""

    unit: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, label="Unit", empty_label="Choose a unit"
    )
    note = forms.CharField(label="Note for the assignment history", required=False, max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class OwnerForm(forms.Form):
    """Give an open obligation an owner, or another owner."""

    owner = PersonChoiceField(queryset=None, label="Owner", empty_label="Choose who owns it")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people  # type: ignore[attr-defined]
