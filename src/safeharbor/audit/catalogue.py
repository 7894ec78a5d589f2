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
    "obligations.listed": "listed obligations (my work or a board)",
    "obligation.viewed": "opened an obligation",
    "report.viewed": "opened a recorded report to correct it",
    # changes
    "youth.created": "created the youth's record",
    "youth.updated": "changed the youth's record",
    "youth.assigned": "assigned the youth to a caseworker",
    "placement.added": "added a placement",
    "placement.ended": "ended a placement",
    "share.granted": "shared the youth with an MDT partner",
    "share.revoked": "ended a sharing with an MDT partner",
    "share.widened": "let an MDT partner see more of the youth (a supervisor's approval)",
    "sharing.defaults_set": "set what a kind of MDT partner sees by default",
    "grant.created": "granted extra access",
    "missing.recorded": "recorded the youth missing",
    "missing.returned": "recorded the youth's return",
    "missing.viewed": "opened a missing episode",
    "missing.board_viewed": "looked at the missing-now board",
    "missing.updated": "corrected or added to a missing episode",
    "missing.locate_effort_recorded": "logged an effort to locate a missing youth",
    "missing.debrief_recorded": "recorded the return debrief",
    "missing.flag_raised": "a pattern in missing episodes was flagged",
    "missing.packet_generated": "generated the missing-report packet (PDF)",
    "missing_policy.updated": "changed the agency's missing-pattern thresholds",
    "intake.recorded": "recorded an intake report",
    "intake.viewed": "read an intake report",
    "intake.youth_searched": "searched for a youth to match an intake report",
    "intake.disposition_recorded": "recorded the intake report's disposition",
    "obligation.opened": "an obligation's clock started",
    "obligation.due_moved": "a sooner clock moved an obligation's due time",
    "obligation.satisfied": "an obligation was satisfied",
    "obligation.not_applicable": "marked an obligation not applicable",
    "obligation.escalated": "told the people an obligation concerns",
    "obligation.event_unmatched": "recorded an event that matched no open obligation",
    "report.recorded": "recorded a report to law enforcement, NCMEC or the District Attorney",
    "report.amended": "corrected a report with an amendment",
    "referral.recorded": "recorded a referral to a partner",
    "referral.status_changed": "changed a referral's status",
    "clock_policy.updated": "changed the agency's clock durations",
    # referrals, team meetings, needs, the service directory (partners)
    "referral.viewed": "opened a referral",
    "meeting.viewed": "opened a team meeting",
    "meetings.listed": "listed their upcoming team meetings",
    "meeting.scheduled": "scheduled a team meeting and sent the invitations",
    "meeting.cancelled": "cancelled a team meeting",
    "meeting.uninvited": "told a partner whose sharing ended that a meeting is off for them",
    "meeting.held": "recorded a team meeting: attendance, decisions, safety plan",
    "meeting.record_corrected": "corrected or added to a team meeting's record",
    "meeting.next_step_added": "agreed a next step with an owner and a due time",
    "meeting.next_step_done": "recorded a next step as done",
    "needs.assessed": "recorded a needs assessment",
    "need.updated": "changed a need's plan or status",
    "directory.agency_added": "added an agency to the service directory",
    "directory.agency_changed": "changed an agency in the service directory",
    # screenings
    "screening.recorded": "recorded a screening",
    "screening.overridden": "changed a screening's tier by professional judgement",
    "screening.override_requested": "asked to lower a screening's tier",
    "screening.override_approved": "approved lowering a screening's tier",
    "screening.override_refused": "refused lowering a screening's tier",
    # staff and sign-in
    "staff.created": "created a staff account",
    "staff.updated": "changed a staff account",
    "staff.setup_link_sent": "e-mailed a set-password link",
    "auth.second_factor_reset": "removed a person's authenticator (a lost phone)",
    "auth.login": "signed in",
    "auth.logout": "signed out",
    "auth.login_failed": "failed to sign in",
    # security (docs/security.md)
    "auth.password_accepted": "entered the right password (second factor still to come)",
    "auth.login_paused": "tried to sign in while sign-in was paused after repeated failures",
    "auth.second_factor_failed": "entered a wrong second-factor code",
    "auth.second_factor_device_created": "began setting up an authenticator app (a new key)",
    "auth.second_factor_enrolled": "set up an authenticator app",
    "auth.session_ended": "was signed out when the session reached its time limit",
    "auth.password_changed": "changed their password",
    "emergency.requested": "requested emergency access to a youth outside their scope",
    "emergency.reviewed": "reviewed an emergency access",
    "emergency.lookup": "looked up a record number for emergency access",
    "audit.verified": "checked the audit trail for tampering",
    # operations
    "demo.loaded": "loaded the synthetic demo agency",
}


def describe(action: str) -> str:
    """Return the plain words for an audit event id."""
    return EVENTS.get(action, action)
