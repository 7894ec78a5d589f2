"""A partner follows no dead link and sees no caseworker's breadcrumb (issue 17): every link on a
page an MDT partner may open leads somewhere they may go."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.mfa import SignedInClient
from tests.partners.builders import meeting_for, step_for
from tests.web.test_url_walk import PATTERNS, _request, _url

HREF = re.compile(r'href="(/[^"#?]*)')


def test_no_link_a_partner_sees_answers_not_found(mdt_partner, youth_record):
    step_for(youth_record)  # a next step with its obligation, as on the meeting page
    client = SignedInClient()
    client.force_login(mdt_partner)
    pages = {_url(name, youth_record) for name in PATTERNS if name != "logout"}
    pages.add(
        reverse(
            "partners:meeting",
            kwargs={"pk": youth_record.pk, "meeting_pk": meeting_for(youth_record).pk},
        )
    )
    dead: dict[str, str] = {}
    for page in sorted(pages):
        response = _request(client, page)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        text = response.content.decode()
        assert "<span>Caseload</span>" not in text, page
        for link in set(HREF.findall(text)) - {reverse("logout")}:
            if not link.startswith("/static/") and client.get(link).status_code == 404:
                dead[link] = page
    assert not dead, f"links that answer not found, and where they were: {dead}"
