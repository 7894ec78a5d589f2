"""The checkpoint keys come from the environment; production refuses none, short or public ones."""

from __future__ import annotations

import pytest

from safeharbor.audit.keys import DEVELOPMENT_KEY, env_checkpoint_keys
from safeharbor.env import ConfigurationError

REAL = "Vq3n8yR0c2mXbH7tLp5sW9eKd4fJa6uZg1oNi0QwEr8"
OLD = "a-previous-checkpoint-key-kept-to-verify-old-ones"


def test_development_gets_the_public_key_and_production_refuses_to_start_without_one():
    assert env_checkpoint_keys("K", production=False, env={}) == (DEVELOPMENT_KEY,)
    with pytest.raises(ConfigurationError, match="K must be set in production"):
        env_checkpoint_keys("K", production=True, env={})


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (DEVELOPMENT_KEY, "the public development key is refused in production"),
        ("too-short", "key 1 is shorter than 32 characters"),
        (f"{REAL},", "has an empty key"),
        (f"{REAL},{REAL}", "lists the same key twice"),
    ],
)
def test_production_refuses_a_public_short_empty_or_repeated_key(value, problem):
    with pytest.raises(ConfigurationError, match=problem):
        env_checkpoint_keys("K", production=True, env={"K": value})


def test_the_first_key_signs_and_the_others_are_kept_in_order():
    assert env_checkpoint_keys("K", production=True, env={"K": f"{REAL}, {OLD}"}) == (REAL, OLD)
