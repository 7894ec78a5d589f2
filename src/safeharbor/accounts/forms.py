"""Forms for signing in: the password step and the second-factor step."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms

from safeharbor.accounts.models import Unit, User
from safeharbor.accounts.queries import units_with_districts, username_taken


class LoginForm(forms.Form):
    """Username and password."""

    username = forms.CharField(
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        max_length=1024,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(forms.Form):
    """The six-digit code from the person's authenticator."""

    code = forms.CharField(
        label="Six-digit code from your authenticator app",
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "class": "usa-input usa-input--small",
            }
        ),
    )

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).replace(" ", "")
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Enter the six digits your authenticator app shows now.")
        return code


if TYPE_CHECKING:  # the stubs' ModelForm is generic; Django's own is not subscriptable
    _UserModelForm = forms.ModelForm[User]
else:
    _UserModelForm = forms.ModelForm


class StaffForm(_UserModelForm):
    """An administrator's view of a staff account: who, what role, where."""

    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "phone",
            "title",
            "role",
            "district",
            "unit",
            "organization",
            "partner_kind",
            "is_active",
        ]
        help_texts = {
            "unit": "Caseworkers and supervisors belong to a unit (its district follows).",
            "district": "Program administrators lead a district. MDT partners: their "
            "organisation's district (a district without a CAC seats only its own police and DA).",
            "is_active": "Clear to close the account: the person is signed out and cannot sign in.",
            "email": "The set-up link and notifications go here.",
        }
        labels = {"is_active": "Account open"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        unit = cast("forms.ModelChoiceField[Unit]", self.fields["unit"])  # the foreign key to Unit
        unit.queryset = units_with_districts()
        if self.instance.pk:
            self.fields["username"].disabled = True  # the audit trail names people by username

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if username_taken(username, other_than=self.instance.pk):
            raise forms.ValidationError(f"The username {username!r} is taken.")
        return username


class ResetSecondFactorForm(forms.Form):
    """Why an administrator removes someone's authenticator."""

    reason = forms.CharField(
        label="Why",
        max_length=500,
        help_text="For example: phone lost, confirmed by calling the person's supervisor.",
    )
