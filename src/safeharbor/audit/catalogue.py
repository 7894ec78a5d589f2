"""Every kind of audit event, with the words the audit pages show for it.

``record_event`` refuses an id that is not here, so a typo cannot create an event nobody
searches for.
"""

EVENTS: dict[str, str] = {
    # reads
    "youth.viewed": "opened the youth's record",
    "youth.address_viewed": "saw a placement address",
    "youth.audit_viewed": "reviewed who has seen the record",
    "caseload.viewed": "listed their caseload",
    # changes
    "youth.created": "created the youth's record",
    "youth.updated": "changed the youth's record",
    "youth.assigned": "assigned the youth to a caseworker",
    "placement.added": "added a placement",
    "placement.ended": "ended a placement",
    "share.granted": "shared the youth with an MDT partner",
    "share.revoked": "ended a sharing with an MDT partner",
    "grant.created": "granted extra access",
    "missing.recorded": "recorded the youth missing",
    "missing.returned": "recorded the youth's return",
    # staff and sign-in
    "staff.created": "created a staff account",
    "auth.login": "signed in",
    "auth.logout": "signed out",
    "auth.login_failed": "failed to sign in",
    # operations
    "demo.loaded": "loaded the synthetic demo agency",
}


def describe(action: str) -> str:
    """Return the plain words for an audit event id."""
    return EVENTS.get(action, action)
