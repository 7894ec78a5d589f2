"""Set-password links: at most 60 minutes, one live link per account, refused once used."""

import datetime as dt
import re

import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from safeharbor.accounts.actions import update_staff
from safeharbor.accounts.models import User
from safeharbor.domain.access import Role
from tests.mfa import SignedInClient

CHOSEN = "lantern orchard kettle violet"


def _send_link(administrator, account) -> str:
    """Press "send a set-password link" as the administrator; return the e-mailed link's path."""
    admin = SignedInClient()
    admin.force_login(administrator)
    sent_before = len(mail.outbox)
    admin.post(reverse("accounts:staff_send_link", args=[account.pk]))
    assert len(mail.outbox) == sent_before + 1
    body = mail.outbox[-1].body
    assert "within 60 minutes" in body
    return re.search(r"https?://[^/]+(/account/set-password/\S+/)", body).group(1)


def _opens(link: str) -> bool:
    response = SignedInClient().get(link)
    assert response.status_code in (200, 400)
    return response.status_code == 200


def test_a_link_works_for_sixty_minutes_and_not_a_second_more(administrator, caseworker):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        link = _send_link(administrator, caseworker)
        clock.move_to(start + dt.timedelta(minutes=59, seconds=59))
        assert _opens(link)
        clock.move_to(start + dt.timedelta(minutes=60, seconds=1))
        refused = SignedInClient().get(link)
        assert refused.status_code == 400
        assert "This link cannot be used" in refused.content.decode()
        answer = SignedInClient().post(link, {"new_password1": CHOSEN, "new_password2": CHOSEN})
        assert answer.status_code == 400
    assert not User.objects.get(pk=caseworker.pk).check_password(CHOSEN)


def test_a_second_link_differs_and_retires_the_first(administrator, caseworker):
    start = timezone.now()
    with time_machine.travel(start, tick=False):  # the same second: Django's token would repeat
        first = _send_link(administrator, caseworker)
        second = _send_link(administrator, caseworker)
    assert first != second
    assert not _opens(first)
    assert _opens(second)
    refused = SignedInClient().post(first, {"new_password1": CHOSEN, "new_password2": CHOSEN})
    assert refused.status_code == 400
    assert not User.objects.get(pk=caseworker.pk).check_password(CHOSEN)


def test_a_used_link_is_refused(administrator, caseworker):
    link = _send_link(administrator, caseworker)
    visitor = SignedInClient()
    response = visitor.post(link, {"new_password1": CHOSEN, "new_password2": CHOSEN})
    assert response["Location"] == reverse("login")
    again = "a different passphrase entirely, for sure"
    replay = SignedInClient().post(link, {"new_password1": again, "new_password2": again})
    assert replay.status_code == 400
    assert "This link cannot be used" in replay.content.decode()
    assert User.objects.get(pk=caseworker.pk).check_password(CHOSEN)


def test_editing_the_account_meanwhile_does_not_revive_an_older_link(administrator, caseworker):
    first = _send_link(administrator, caseworker)
    stale = User.objects.get(pk=caseworker.pk)  # loaded while the first link was the live one
    second = _send_link(administrator, caseworker)
    update_staff(
        actor=administrator,
        user=stale,
        role=Role.CASEWORKER,
        unit=stale.unit,
        district=None,
        title="Senior caseworker",
    )
    assert not _opens(first)
    assert _opens(second)
