"""Drop ``surveys.approve_survey``: surveys are approved through the approvals engine (the
survey policies' steps), which never asked for it. ``sync_roles`` only adds permissions, so
the row (and with it every group's and user's grant of it) is deleted here."""

from django.db import migrations


def drop(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="surveys",
                              codename="approve_survey").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0007_scale_labels_opens_on"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="survey",
            options={"ordering": ["-created_at", "-pk"], "verbose_name": "survey",
                     "verbose_name_plural": "surveys"}),
        migrations.RunPython(drop, migrations.RunPython.noop),
    ]
