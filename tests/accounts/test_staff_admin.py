"""Administrators open, change and close staff accounts and reset a lost authenticator."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeharbor.accounts.models import User
from safeharbor.audit.models import AuditEvent
from tests.mfa import SignedInClient, device_for

NEW = {
    "username": "nadia.fernwood",
    "first_name": "Nadia",
    "last_name": "Fernwood",
    "email": "nadia@example.org",
    "role": "caseworker",
    "partner_kind": "",
    "is_active": "on",
}


def _link_from_mail() -> str:
    (message,) = mail.outbox
    return re.search(r"https?://[^/]+(/account/set-password/\S+/)", message.body).group(1)


def test_opening_an_account_emails_a_link_to_choose_a_password(client, administrator, agency):
    client.force_login(administrator)
    response = client.post(reverse("accounts:staff_new"), {**NEW, "unit": agency.unit_a.pk})
    account = User.objects.get(username="nadia.fernwood")
    assert response["Location"] == reverse("accounts:staff_edit", args=[account.pk])
    assert (account.role, account.unit, account.district) == (
        "caseworker",
        agency.unit_a,
        agency.pine,
    )
    assert not account.has_usable_password()
    assert mail.outbox[0].to == ["nadia@example.org"]
    assert AuditEvent.objects.filter(
        action="staff.setup_link_sent", target_id=str(account.pk)
    ).exists()


def test_the_link_sets_the_password_once(agency, administrator):
    admin = SignedInClient()
    admin.force_login(administrator)
    admin.post(reverse("accounts:staff_new"), {**NEW, "unit": agency.unit_a.pk})
    link = _link_from_mail()
    visitor = SignedInClient()
    assert visitor.get(link).status_code == 200
    chosen = "lantern orchard kettle violet"
    response = visitor.post(link, {"new_password1": chosen, "new_password2": chosen})
    assert response["Location"] == reverse("login")
    assert User.objects.get(username="nadia.fernwood").check_password(chosen)
    used = visitor.get(link)
    assert used.status_code == 400
    assert "This link cannot be used" in used.content.decode()


@pytest.mark.parametrize("password", ["short", "password123456789", "aaaaaaaaaaaaaaaaaaaa"])
def test_the_link_refuses_weak_passwords_and_keeps_the_link_valid(agency, administrator, password):
    admin = SignedInClient()
    admin.force_login(administrator)
    admin.post(reverse("accounts:staff_new"), {**NEW, "unit": agency.unit_a.pk})
    link = _link_from_mail()
    response = SignedInClient().post(link, {"new_password1": password, "new_password2": password})
    assert response.status_code == 200
    assert "usa-error-message" in response.content.decode()
    assert SignedInClient().get(link).status_code == 200


@pytest.mark.parametrize(
    "path", ["/account/set-password/xx/yy/", "/account/set-password/MQ/bad-token/"]
)
def test_a_broken_link_says_so_without_a_traceback(client, db, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "This link cannot be used" in response.content.decode()


def test_a_caseworker_needs_a_unit_and_nothing_typed_is_lost(client, administrator):
    client.force_login(administrator)
    response = client.post(reverse("accounts:staff_new"), NEW)
    page = response.content.decode()
    assert "A caseworker or supervisor must belong to a unit." in page
    assert 'value="nadia@example.org"' in page
    assert not User.objects.filter(username="nadia.fernwood").exists()


def test_a_taken_username_is_refused_whatever_its_case(client, administrator, caseworker, agency):
    client.force_login(administrator)
    response = client.post(
        reverse("accounts:staff_new"), {**NEW, "username": "CASEWORKER", "unit": agency.unit_a.pk}
    )
    assert "is taken" in response.content.decode()


def test_closing_an_account_signs_the_person_out(administrator, caseworker, youth_record):
    worker = SignedInClient()
    worker.force_login(caseworker)
    assert worker.get(reverse("cases:youth", args=[youth_record.pk])).status_code == 200
    admin = SignedInClient()
    admin.force_login(administrator)
    data = {**NEW, "username": "caseworker", "email": "cw@example.org", "unit": caseworker.unit_id}
    data.pop("is_active")
    admin.post(reverse("accounts:staff_edit", args=[caseworker.pk]), data)
    caseworker.refresh_from_db()
    assert caseworker.is_active is False
    assert worker.get(reverse("cases:youth", args=[youth_record.pk])).status_code == 302
    event = AuditEvent.objects.filter(action="staff.updated").latest("id")
    assert event.detail["active"] == [True, False]


def test_an_administrator_cannot_close_their_own_account(client, administrator):
    client.force_login(administrator)
    data = {**NEW, "username": "administrator", "role": "administrator", "email": "a@example.org"}
    data.pop("is_active")
    response = client.post(reverse("accounts:staff_edit", args=[administrator.pk]), data)
    assert "cannot remove your own administrator access" in response.content.decode()
    administrator.refresh_from_db()
    assert administrator.is_active is True


def test_a_lost_authenticator_is_reset_with_a_reason(client, administrator, caseworker):
    device_for(caseworker)
    client.force_login(administrator)
    url = reverse("accounts:staff_reset_second_factor", args=[caseworker.pk])
    client.post(url, {"reason": ""})
    assert TOTPDevice.objects.filter(user=caseworker).count() == 1
    client.post(url, {"reason": "Phone lost; confirmed with the supervisor by phone."})
    assert TOTPDevice.objects.filter(user=caseworker).count() == 0
    event = AuditEvent.objects.get(action="auth.second_factor_reset")
    assert event.reason == "Phone lost; confirmed with the supervisor by phone."


def test_the_list_finds_people_by_name_and_role(client, administrator, caseworker, supervisor):
    client.force_login(administrator)
    page = client.get(reverse("accounts:staff_list") + "?role=supervisor").content.decode()
    assert "supervisor" in page
    assert ">caseworker<" not in page
    found = client.get(reverse("accounts:staff_list") + "?q=caseworker").content.decode()
    assert ">caseworker<" in found


@pytest.mark.parametrize(
    "persona", ["caseworker", "supervisor", "program_admin", "analyst"], indirect=True
)
def test_only_administrators_manage_staff(client, persona):
    client.force_login(persona)
    assert client.get(reverse("accounts:staff_list")).status_code == 404
    assert client.get(reverse("accounts:staff_edit", args=[persona.pk])).status_code == 404
