"""The law-enforcement and NCMEC reports of an episode (42 U.S.C. 671(a)(35)(B)), and their
corrections; both are ``obligations.LegalReport`` rows."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from safeharbor.missing.forms._fields import area
from safeharbor.obligations.forms import AmendmentReason
from safeharbor.obligations.models import METHOD_CHOICES
from safeharbor.ui.forms import KeyedForm, LocalDateTimeField, WordingChecked

NCMEC_NAME = "National Center for Missing & Exploited Children (NCMEC)"


class _ReportFields(WordingChecked, KeyedForm):
    checked_fields = ("notes",)
    recipient: ClassVar[str]

    method = forms.ChoiceField(label="How it was reported", choices=METHOD_CHOICES)
    reported_at = LocalDateTimeField(label="When it was reported")
    reported_by_name = forms.CharField(
        label="Reported by",
        max_length=200,
        required=False,
        help_text="Who made the report; leave as is if it was you.",
    )
    notes = forms.CharField(widget=area(2), required=False, max_length=4000)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.not_future("reported_at")
        return cleaned


class LawEnforcementReportForm(_ReportFields):
    """The report to law enforcement, for the NCIC entry (42 U.S.C. 671(a)(35)(B))."""

    recipient = "law_enforcement"
    agency_name = forms.CharField(label="Law-enforcement agency", max_length=200)
    officer = forms.CharField(label="Officer who took the report", max_length=200, required=False)
    reference_number = forms.CharField(label="Report number", max_length=80, required=False)
    ncic_number = forms.CharField(
        label="NCIC number",
        max_length=40,
        required=False,
        help_text="If the officer gave one. A report number or an NCIC number is needed.",
    )
    contact = forms.CharField(label="Contact number", max_length=200, required=False)

    field_order = [
        "agency_name",
        "officer",
        "reference_number",
        "ncic_number",
        "method",
        "reported_at",
        "reported_by_name",
        "contact",
        "notes",
    ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not (cleaned.get("reference_number") or cleaned.get("ncic_number")) and not (
            self.has_error("reference_number") or self.has_error("ncic_number")
        ):
            self.add_error("reference_number", "Enter the report number or the NCIC number.")
        return cleaned


class NcmecReportForm(_ReportFields):
    """The report to NCMEC (42 U.S.C. 671(a)(35)(B); seed 004: 1-800-THE-LOST)."""

    recipient = "ncmec"
    reference_number = forms.CharField(label="NCMEC case number", max_length=80)
    contact = forms.CharField(label="NCMEC contact", max_length=200, required=False)

    field_order = [
        "reference_number",
        "method",
        "reported_at",
        "reported_by_name",
        "contact",
        "notes",
    ]


REPORT_FORMS: dict[str, type[_ReportFields]] = {
    "law_enforcement": LawEnforcementReportForm,
    "ncmec": NcmecReportForm,
}


def report_fields(form: _ReportFields) -> dict[str, Any]:
    """Return what ``record_legal_report`` takes from a valid report form."""
    data = dict(form.cleaned_data)
    data.pop("amendment_reason", None)
    if form.recipient == "ncmec":
        data["agency_name"] = NCMEC_NAME
    return data


def amendment_form(recipient: str, *args: Any, **kwargs: Any) -> _ReportFields:
    """Return the report form of ``recipient`` with the reason for the correction."""
    base = REPORT_FORMS[recipient]

    # mypy cannot follow a base class chosen at run time; both bases are plain forms.
    class AmendmentForm(AmendmentReason, base):  # type: ignore[valid-type,misc]
        checked_fields = ("notes", "amendment_reason")

    return AmendmentForm(*args, **kwargs)
