"""The demo stays usable with a second factor: known keys, and a command that prints the code."""

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeharbor.accounts.models import User
from safeharbor.accounts.second_factor import current_code
from safeharbor.demo.second_factor import demo_key, enrol_demo_devices


def test_the_demo_command_enrols_known_keys_and_says_how_to_get_codes(db, capsys):
    call_command("safeharbor", "demo")
    for user in User.objects.all():
        assert TOTPDevice.objects.get(user=user, confirmed=True).key == demo_key(user.username)
    TOTPDevice.objects.filter(user__username="pa").delete()  # a demo loaded before this feature
    call_command("safeharbor", "demo")
    assert "manage.py safeharbor totp caseworker" in capsys.readouterr().out
    assert TOTPDevice.objects.filter(user__username="pa", confirmed=True).exists()


@pytest.fixture
def demo_caseworker(caseworker):
    enrol_demo_devices([caseworker])
    return caseworker


def test_the_totp_command_prints_the_code_the_server_accepts(demo_caseworker, capsys):
    call_command("safeharbor", "totp", "caseworker")
    printed = capsys.readouterr().out.strip()
    device = TOTPDevice.objects.get(user=demo_caseworker)
    assert printed == current_code(device)
    assert device.verify_token(printed)


def test_the_totp_command_gives_the_key_for_a_phone(demo_caseworker, capsys):
    call_command("safeharbor", "totp", "caseworker", "--key")
    assert "otpauth://totp/SafeHarbor%3Acaseworker?secret=" in capsys.readouterr().out


def test_the_totp_command_names_an_unknown_account(demo_caseworker):
    with pytest.raises(CommandError, match="no account 'nobody' with an authenticator"):
        call_command("safeharbor", "totp", "nobody")


def test_the_totp_command_refuses_to_run_in_production(demo_caseworker, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="refuses to run in production"):
        call_command("safeharbor", "totp", "caseworker")
