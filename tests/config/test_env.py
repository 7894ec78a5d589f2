"""Typed environment readers refuse bad values with a message naming the variable."""

import subprocess
import sys

import pytest

from safeharbor.env import (
    ConfigurationError,
    env_bool,
    env_choice,
    env_directory,
    env_int,
    env_list,
    env_secret_key,
    env_time_zone,
)


def test_booleans_accept_the_usual_spellings_and_nothing_else():
    assert env_bool("DEBUG", False, env={"DEBUG": "yes"}) is True
    assert env_bool("DEBUG", True, env={"DEBUG": "0"}) is False
    assert env_bool("DEBUG", True, env={}) is True
    with pytest.raises(ConfigurationError, match="DEBUG='maybe' is not a yes/no value"):
        env_bool("DEBUG", False, env={"DEBUG": "maybe"})


def test_integers_are_checked_against_their_bounds():
    assert env_int("N", 5, env={"N": "7"}, minimum=1, maximum=30) == 7
    with pytest.raises(ConfigurationError, match="N='seven' is not a whole number"):
        env_int("N", 5, env={"N": "seven"})
    with pytest.raises(ConfigurationError, match="above the maximum of 30"):
        env_int("N", 5, env={"N": "31"}, maximum=30)
    with pytest.raises(ConfigurationError, match="below the minimum of 1"):
        env_int("N", 5, env={"N": "0"}, minimum=1)


def test_lists_refuse_empty_items():
    assert env_list("HOSTS", [], env={"HOSTS": "a.example, b.example"}) == [
        "a.example",
        "b.example",
    ]
    with pytest.raises(ConfigurationError, match="empty item"):
        env_list("HOSTS", [], env={"HOSTS": "a.example,,b.example"})


def test_a_directory_setting_must_exist(tmp_path):
    assert env_directory("D", env={}) == ""
    assert env_directory("D", env={"D": str(tmp_path)}) == str(tmp_path)
    with pytest.raises(ConfigurationError, match="is not a directory"):
        env_directory("D", env={"D": str(tmp_path / "nowhere")})


def test_choices_and_time_zones_are_validated():
    assert env_choice("E", "production", ("production", "test"), env={"E": "test"}) == "test"
    with pytest.raises(ConfigurationError, match="must be one of: production, test"):
        env_choice("E", "production", ("production", "test"), env={"E": "prod"})
    assert env_time_zone("TZ", "UTC", env={"TZ": "America/Denver"}) == "America/Denver"
    with pytest.raises(ConfigurationError, match="not a known time zone"):
        env_time_zone("TZ", "UTC", env={"TZ": "Mars/Olympus"})


@pytest.mark.parametrize("bad", [None, "short", "insecure-" + "x" * 60, "a" * 60])
def test_production_refuses_a_missing_or_fake_secret_key(bad):
    env = {} if bad is None else {"SECRET_KEY": bad}
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        env_secret_key("SECRET_KEY", production=True, env=env)


def test_production_accepts_a_real_secret_key_and_development_has_a_default():
    real = "kV3q9-Zx_8w2LmN5pR7tY1uI4oP6aS0dF3gH8jK2lQ9zX5cV7bN1mW4eR6tY8uI0"
    assert env_secret_key("SECRET_KEY", production=True, env={"SECRET_KEY": real}) == real
    assert env_secret_key("SECRET_KEY", production=False, env={}).startswith("insecure-")


def _manage(env_overrides):
    import os

    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    env.update(env_overrides)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], capture_output=True, text=True, env=env, timeout=60
    )


def test_manage_py_refuses_to_start_in_production_without_a_secret_key():
    result = _manage({"SAFEHARBOR_ENV": "production"})
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "safeharbor: configuration error: SECRET_KEY must be set in production "
        "(50+ random characters)"
    )


def test_a_bad_database_url_is_refused_in_one_line():
    result = _manage({"SAFEHARBOR_ENV": "development", "DATABASE_URL": "mysql://x@y/z"})
    assert result.returncode == 2
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr
