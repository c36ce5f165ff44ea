"""Events get a generic subject (the object whose timeline shows them), filled for old rows.

Old rows get the subject they always had — their request, else their target — which is the
one the chain leaves out of the hash, so every stored hash stays valid.
"""

from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import Cast


def fill_subjects(apps, schema_editor):
    events = apps.get_model("audit", "AuditEvent").objects
    events.filter(request__isnull=False).update(
        subject_type="workflows.contentrequest",
        subject_id=Cast("request_id", output_field=models.CharField()))
    events.filter(request__isnull=True).update(subject_type=F("target_type"),
                                               subject_id=F("target_id"))


class Migration(migrations.Migration):

    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="auditevent", name="subject_type",
            field=models.CharField(blank=True, max_length=100, verbose_name="subject type")),
        migrations.AddField(
            model_name="auditevent", name="subject_id",
            field=models.CharField(blank=True, max_length=64, verbose_name="subject id")),
        migrations.RunPython(fill_subjects, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["subject_type", "subject_id"], name="audit_subject_idx")),
    ]
