import datetime as dt

import pytest
from django.utils import timezone

from safeharbor.missing.actions import record_missing, record_return


@pytest.fixture
def two_recent_episodes(caseworker, youth_record):
    """Two returned missing episodes in the last six months: the youth screens high_risk."""
    now = timezone.now()
    for days_ago in (60, 20):
        seen = now - dt.timedelta(days=days_ago)
        episode = record_missing(
            actor=caseworker,
            youth=youth_record,
            last_seen_at=seen,
            learned_at=seen + dt.timedelta(hours=2),
        )
        record_return(actor=caseworker, episode=episode, returned_at=seen + dt.timedelta(days=2))
    return youth_record
