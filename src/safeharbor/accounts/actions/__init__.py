"""Writes of accounts, by topic: signing in (``sign_in``) and staff administration (``staff``).

Everything is re-exported here, so callers import from ``safeharbor.accounts.actions``.
"""

from safeharbor.accounts.actions.sign_in import (
    accept_password,
    change_password,
    check_second_factor,
    confirm_fresh_second_factor,
    end_sessions_of,
    record_session_limit,
    record_sign_out,
    refuse_sign_in,
    set_own_password,
    start_enrolment,
)
from safeharbor.accounts.actions.staff import (
    STAFF_FIELDS,
    create_district,
    create_staff,
    create_unit,
    invite_staff,
    reset_second_factor,
    send_set_password_link,
    update_staff,
)

__all__ = [
    "STAFF_FIELDS",
    "accept_password",
    "change_password",
    "check_second_factor",
    "confirm_fresh_second_factor",
    "create_district",
    "create_staff",
    "create_unit",
    "end_sessions_of",
    "invite_staff",
    "record_session_limit",
    "record_sign_out",
    "refuse_sign_in",
    "reset_second_factor",
    "send_set_password_link",
    "set_own_password",
    "start_enrolment",
    "update_staff",
]
