"""Absences get a kind (vacation, leave, training, other) and the permission to record
anyone's; rows written before are given the kind their reason names ("Férias" → vacation),
else "other" (never a guessed vacation)."""

from django.db import migrations, models

WORDS = (("vacation", ("feria", "féria")), ("leave", ("licen",)),
         ("training", ("trein", "curso", "capacit", "forma")))


def kind_from_reason(apps, schema_editor):
    Absence = apps.get_model("org", "Absence")
    for absence in Absence.objects.all():
        reason = absence.reason.casefold()
        kind = next((k for k, words in WORDS if any(w in reason for w in words)), "other")
        Absence.objects.filter(pk=absence.pk).update(kind=kind)


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0004_weekly_capacity_and_absences'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='absence',
            options={'ordering': ['starts_on'], 'permissions': [('manage_absences', "Can record anyone's absence")], 'verbose_name': 'absence', 'verbose_name_plural': 'absences'},
        ),
        migrations.AddField(
            model_name='absence',
            name='kind',
            field=models.CharField(choices=[('vacation', 'Vacation'), ('leave', 'Leave'), ('training', 'Training'), ('other', 'Other absence')], default='vacation', max_length=20, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='absence',
            name='reason',
            field=models.CharField(blank=True, help_text='Optional, shown to the team: no health details.', max_length=200, verbose_name='note'),
        ),
        migrations.RunPython(kind_from_reason, migrations.RunPython.noop),
    ]
