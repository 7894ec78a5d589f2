"""The agency sets what each kind of partner sees by default (issue 15): administrators change
it on a page staff can read; notes and the address are never offered."""

from django.urls import reverse

from safeharbor.cases.scope import sharing_defaults
from safeharbor.domain.access import FieldGroup
from safeharbor.domain.sharing import PartnerKind

URL = reverse("partners:sharing_defaults")


def test_staff_read_the_defaults_and_partners_do_not(client, caseworker, mdt_partner):
    client.force_login(caseworker)
    text = client.get(URL).content.decode()
    assert "Sexual assault advocate" in text
    assert "identity, meetings, needs and services" in text
    assert '<form method="post" class="usa-form"' not in text
    client.force_login(mdt_partner)
    assert client.get(URL).status_code == 404


def test_an_administrator_changes_one_kinds_default(client, administrator):
    client.force_login(administrator)
    page = client.get(URL).content.decode()
    assert 'value="notes"' not in page
    assert 'value="placement_address"' not in page
    response = client.post(
        URL,
        {
            "kind": "district_attorney",
            "district_attorney-groups": ["missing", "referrals"],
            "district_attorney-version": "0",
        },
    )
    assert response.status_code == 302
    assert sharing_defaults()[PartnerKind.DISTRICT_ATTORNEY] == {
        FieldGroup.IDENTITY,
        FieldGroup.MEETINGS,
        FieldGroup.MISSING,
        FieldGroup.REFERRALS,
    }
    stale = client.post(
        URL,
        {
            "kind": "district_attorney",
            "district_attorney-groups": ["missing"],
            "district_attorney-version": "0",
        },
    )
    assert stale.status_code == 400
    assert "someone changed this kind" in stale.content.decode()
    refused = client.post(
        URL,
        {"kind": "cac", "cac-groups": ["notes"], "cac-version": "0"},
    )
    assert refused.status_code == 400
    assert "Select a valid choice" in refused.content.decode()


def test_a_caseworker_cannot_change_the_defaults(client, caseworker):
    client.force_login(caseworker)
    response = client.post(URL, {"kind": "cac", "cac-groups": ["needs"], "cac-version": "0"})
    assert response.status_code == 404
    assert FieldGroup.NEEDS not in sharing_defaults()[PartnerKind.CAC]
