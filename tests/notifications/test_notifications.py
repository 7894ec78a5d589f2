"""Notifications exist once per occasion; their e-mails leave from an outbox."""

import pytest
from django.core import mail
from django.urls import reverse

from safeharbor.notifications.actions import MAX_EMAIL_ATTEMPTS, deliver_emails, notify
from safeharbor.notifications.models import Notification


def test_notifying_twice_on_one_occasion_keeps_one_notification(caseworker):
    first, created = notify(recipient=caseworker, dedupe_key="obligation:1:owner", subject="Due")
    again, created_again = notify(
        recipient=caseworker, dedupe_key="obligation:1:owner", subject="Due"
    )
    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    assert Notification.objects.count() == 1


def test_the_outbox_sends_each_email_once(caseworker, settings):
    settings.SAFEHARBOR_BASE_URL = "https://safeharbor.example"
    notify(
        recipient=caseworker,
        dedupe_key="k1",
        subject="Report due",
        body="Due at 3 pm.",
        link="/youth/1/",
    )
    assert deliver_emails() == 1
    assert deliver_emails() == 0
    (message,) = mail.outbox
    assert message.to == ["cw@example.org"]
    assert message.subject == "Report due"
    assert "https://safeharbor.example/youth/1/" in message.body


def test_a_failed_send_is_kept_and_retried(caseworker, monkeypatch):
    notify(recipient=caseworker, dedupe_key="k2", subject="Report due")

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("safeharbor.notifications.actions.send_mail", refuse)
    assert deliver_emails() == 0
    row = Notification.objects.get()
    assert (row.email_sent_at, row.email_attempts, row.email_error) == (None, 1, "smtp down")
    monkeypatch.undo()
    assert deliver_emails() == 1


def test_an_account_without_email_is_not_retried_forever(agency):
    from safeharbor.domain.access import Role
    from tests import factories

    nobody = factories.staff(Role.SUPERVISOR, "noemail", unit=agency.unit_a)
    notify(recipient=nobody, dedupe_key="k3", subject="x")
    assert deliver_emails() == 0
    row = Notification.objects.get()
    assert (row.email_attempts, row.email_error) == (
        MAX_EMAIL_ATTEMPTS,
        "no e-mail address on the account",
    )


def test_the_inbox_shows_only_ones_own_notifications(client, caseworker, supervisor):
    notify(recipient=caseworker, dedupe_key="mine", subject="For the caseworker")
    notify(recipient=supervisor, dedupe_key="theirs", subject="For the supervisor")
    client.force_login(caseworker)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "For the caseworker" in page
    assert "For the supervisor" not in page


def test_opening_marks_read_and_follows_the_link(client, caseworker):
    n, _ = notify(recipient=caseworker, dedupe_key="k4", subject="x", link="/youth/5/")
    client.force_login(caseworker)
    response = client.post(reverse("notifications:open", args=[n.pk]))
    assert response["Location"] == "/youth/5/"
    n.refresh_from_db()
    assert n.read_at is not None


@pytest.mark.parametrize("link", ["https://evil.example/", "//evil.example/"])
def test_a_link_never_leaves_the_site(client, caseworker, link):
    n, _ = notify(recipient=caseworker, dedupe_key="k5", subject="x", link=link)
    client.force_login(caseworker)
    response = client.post(reverse("notifications:open", args=[n.pk]))
    assert response["Location"] == reverse("notifications:inbox")


def test_the_unread_count_shows_in_the_navigation(client, caseworker):
    notify(recipient=caseworker, dedupe_key="k6", subject="x")
    client.force_login(caseworker)
    page = client.get(reverse("home")).content.decode()
    assert '<span class="usa-tag">1<span class="usa-sr-only"> unread</span></span>' in page
