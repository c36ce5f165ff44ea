"""Every text written before revisions existed becomes its revision 1 (author: the editor of
the request; time: the text's last save; files recorded by name, their hashes unknown)."""

from django.db import migrations


def forwards(apps, schema_editor):
    Publication = apps.get_model("workflows", "Publication")
    Revision = apps.get_model("publishing", "Revision")
    Attachment = apps.get_model("workflows", "Attachment")
    done = set(Revision.objects.values_list("publication_id", flat=True))
    batch = []
    for pub in Publication.objects.select_related("request").iterator(chunk_size=500):
        if pub.pk in done:
            continue
        files = [{"id": a.pk, "name": a.original_name, "sha256": ""}
                 for a in Attachment.objects.filter(request_id=pub.request_id).order_by("pk")]
        batch.append(Revision(
            publication=pub, number=1, title=pub.title, body=pub.body, excerpt=pub.excerpt,
            attachments=files, author_id=pub.request.assignee_id, created_at=pub.updated_at,
            review_round=max(pub.request.review_round - 1, 0)))
        if len(batch) >= 500:
            Revision.objects.bulk_create(batch)
            batch = []
    Revision.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial"), ("workflows", "0010_kpi_indexes")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
