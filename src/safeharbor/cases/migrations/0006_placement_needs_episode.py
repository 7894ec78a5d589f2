import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_placements_into_care_episodes")]

    operations = [
        migrations.AlterField(
            model_name="placement",
            name="episode",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="placements",
                to="cases.careepisode",
            ),
        ),
    ]
