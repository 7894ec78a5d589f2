"""Put every existing placement into an out-of-home-care episode, so nothing is lost.

A youth's placements become one episode that begins on the first placement's start. The removal
reasons and the exit were never recorded: the reasons say so ("not_recorded") and the episode
stays open until a caseworker records the exit (guessing one would invent a fact).
"""

from django.db import migrations
from django.db.models import Min
from django.utils import timezone


def placements_into_episodes(apps, schema_editor):
    Placement = apps.get_model("cases", "Placement")
    CareEpisode = apps.get_model("cases", "CareEpisode")
    firsts = (
        Placement.objects.filter(episode__isnull=True)
        .values("youth_id")
        .annotate(first=Min("start_date"))
        .order_by("youth_id")
    )
    now = timezone.now()
    for row in firsts:
        episode = CareEpisode.objects.create(
            youth_id=row["youth_id"],
            removal_date=row["first"],
            removal_reasons=["not_recorded"],
            created_at=now,
        )
        Placement.objects.filter(youth_id=row["youth_id"], episode__isnull=True).update(
            episode=episode
        )


def episodes_back_to_placements(apps, schema_editor):
    Placement = apps.get_model("cases", "Placement")
    CareEpisode = apps.get_model("cases", "CareEpisode")
    Placement.objects.update(episode=None)
    CareEpisode.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_care_episodes_photos_notes")]

    operations = [migrations.RunPython(placements_into_episodes, episodes_back_to_placements)]
