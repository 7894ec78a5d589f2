"""The screening's clocks start when the interview took place (SPEC §5), asked on the form."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from safeharbor.obligations.models import Obligation
from safeharbor.screenings.models import Screening


def _form(**fields):
    data = {
        "as_of": timezone.localdate().isoformat(),
        "occasion": "caseworker_concern",
        "episodes": "[]",
        "identified_by_law_enforcement": "yes",  # a confirmed tier: the protocol's clocks open
    }
    data.update(fields)
    return data


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_the_form_asks_when_the_interview_took_place_defaulting_to_now(
    client, caseworker, youth_record
):
    client.force_login(caseworker)
    form = client.get(reverse("screenings:new", args=[youth_record.pk])).context["form"]
    assert form.fields["interviewed_at"].label == "When the interview took place"
    initial = form.initial["interviewed_at"]
    assert abs(initial - timezone.now()) < dt.timedelta(minutes=1)


def test_the_protocol_clocks_start_at_the_interview(client, caseworker, youth_record):
    client.force_login(caseworker)
    interview = (timezone.now() - dt.timedelta(hours=3)).replace(second=0, microsecond=0)
    response = client.post(
        reverse("screenings:new", args=[youth_record.pk]),
        _form(interviewed_at=_local(interview)),
    )
    assert response.status_code == 302
    screening = Screening.objects.get()
    assert (screening.final_tier, screening.interviewed_at) == ("confirmed", interview)
    duty = Obligation.objects.get(kind="report_law_enforcement")
    assert (duty.opened_at, duty.due) == (interview, interview + dt.timedelta(hours=24))


def test_an_interview_in_the_future_is_refused_beside_the_field(client, caseworker, youth_record):
    client.force_login(caseworker)
    later = _local(timezone.now() + dt.timedelta(hours=2))
    response = client.post(
        reverse("screenings:new", args=[youth_record.pk]), _form(interviewed_at=later)
    )
    form = response.context["form"]
    assert form.errors["interviewed_at"] == ["The interview cannot be in the future."]
    assert form["interviewed_at"].value() == later  # nothing typed is lost
    assert Screening.objects.count() == 0
