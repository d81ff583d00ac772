"""Each profile gets its own random unsubscribe token, so "stop reminders" links in emails
carry no user id and can be revoked. Existing rows get a token each before the column
becomes unique and required."""

import secrets

from django.db import migrations, models

import notices.models


def fill_tokens(apps, schema_editor):
    Profile = apps.get_model("notices", "Profile")
    batch = []
    for profile in Profile.objects.filter(unsubscribe_token__isnull=True).only("pk").iterator():
        profile.unsubscribe_token = secrets.token_urlsafe(24)
        batch.append(profile)
        if len(batch) >= 500:
            Profile.objects.bulk_update(batch, ["unsubscribe_token"])
            batch = []
    Profile.objects.bulk_update(batch, ["unsubscribe_token"])


class Migration(migrations.Migration):

    dependencies = [
        ("notices", "0006_irs_phone_help"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="unsubscribe_token",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="profile",
            name="unsubscribe_token",
            field=models.CharField(
                default=notices.models.new_unsubscribe_token,
                editable=False,
                help_text=(
                    "Secret part of the links in reminder emails that turn reminders off. "
                    "Reset it to make the links in emails already sent stop working."
                ),
                max_length=64,
                unique=True,
            ),
        ),
    ]
