import pytest

from tests.screenings.builders import add_two_recent_episodes


@pytest.fixture
def two_recent_episodes(caseworker, youth_record):
    """Two returned missing episodes in the last six months: the youth screens high_risk."""
    return add_two_recent_episodes(caseworker, youth_record)
