"""Existing sharings under issue 15's rules, and partners' notifications that outlive them.

- Risk details of a missing episode are now their own field group (``missing_risk``). A sharing
  that named ``missing`` kept them only when the partner is law enforcement (whose default
  includes the risk while missing); for every other partner they go, as least need asks.
- A partner's notification about a youth names them only while a sharing of that youth with the
  partner lasts: ``names_youth_until`` becomes the end of their latest sharing (revoked or
  expiring), or now when none exists.
"""

from django.db import migrations
from django.utils import timezone


def _end(share):
    times = [t for t in (share.revoked_at, share.expires_at) if t is not None]
    return min(times) if times else None


def map_risk_details(apps, schema_editor):
    CaseShare = apps.get_model("cases", "CaseShare")
    for share in CaseShare.objects.select_related("partner").iterator():
        fields = set(share.fields)
        if "missing" in fields and share.partner.partner_kind == "law_enforcement":
            fields.add("missing_risk")
            share.fields = sorted(fields)
            share.save(update_fields=["fields"])


def unname_after_sharing(apps, schema_editor):
    CaseShare = apps.get_model("cases", "CaseShare")
    Notification = apps.get_model("notifications", "Notification")
    now = timezone.now()
    rows = Notification.objects.filter(recipient__role="mdt_partner", youth__isnull=False)
    for note in rows.iterator():
        ends = [
            _end(s)
            for s in CaseShare.objects.filter(youth_id=note.youth_id, partner_id=note.recipient_id)
        ]
        if any(end is None for end in ends) and ends:
            continue  # a sharing without an end: the youth may still be named
        note.names_youth_until = max(ends) if ends else now
        note.save(update_fields=["names_youth_until"])


def drop_risk_details(apps, schema_editor):
    CaseShare = apps.get_model("cases", "CaseShare")
    for share in CaseShare.objects.iterator():
        if "missing_risk" in share.fields:
            share.fields = [f for f in share.fields if f != "missing_risk"]
            share.save(update_fields=["fields"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_share_by_partner_kind"),
        ("notifications", "0004_notification_names_youth_until"),
    ]

    operations = [
        migrations.RunPython(map_risk_details, drop_risk_details),
        migrations.RunPython(unname_after_sharing, migrations.RunPython.noop),
    ]
