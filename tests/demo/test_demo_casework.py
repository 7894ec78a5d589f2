"""The demo shows supervisors who act: youth awaiting assignment, a confirmed victim status, a
flag with a recorded response and one without."""

from safeharbor.accounts.models import User
from safeharbor.cases.models import VictimDetermination
from safeharbor.demo import agency
from safeharbor.missing.models import FlagResponse
from safeharbor.missing.queries import unanswered_flags
from safeharbor.obligations.queries import board


def test_the_demo_has_youth_awaiting_assignment_a_victim_status_and_an_answered_flag(db):
    agency.load()
    supervisor = User.objects.get(username="supervisor")
    awaiting = board(supervisor).awaiting
    assert "Sage Willowmere" in [y.short_name for y in awaiting]
    (determination,) = VictimDetermination.objects.all()
    assert (determination.source, determination.status) == ("confirmed_screening", "confirmed")
    assert determination.youth.caseworker.username == "caseworker"
    assert len(determination.to_domain().reported_to_law_enforcement) == 1
    (answer,) = FlagResponse.objects.all()
    assert (answer.how, answer.flag.kind, answer.responded_by) == (
        "plan",
        "chronic_runaway",
        supervisor,
    )
    unanswered = list(unanswered_flags(supervisor))
    assert answer.flag not in unanswered
    assert "same_placement" in [f.kind for f in unanswered]  # one left for the home to show
