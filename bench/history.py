"""A realistic history of N requests over three years, for the benchmarks and for tests.

Approach (issue 22): running the real services costs about 0.8 s per request, far too slow
for 50,000. So the generator

1. **plays templates through the real services** at past moments with the clock, exactly as
   the demo does (``workflows.demo.seed_requests``: review loops, returns for information,
   rejections at triage and at review, withdrawals, overrides, schedules, publications,
   ratings, archives, every final state, over all the demo's secretariats, kinds and
   channels; ``campaigns.demo.seed_campaigns``: campaigns with their pieces;
   ``workflows.demo_compliance.seed_compliance``: compliance runs, findings and overrides).
   Viewflow processes and tasks, decisions, comments and audit events are whatever those
   services wrote;
2. **captures the rows the services wrote**: every table's rows above its highest primary
   key before the templates (the "baseline"), table by table (auto-created many-to-many
   tables and viewflow's included);
3. **replays them** ``copies - 1`` more times with ``bulk_create`` in batches of a few copies
   (constant memory): each copy ``k`` gets new ids (``pk + k × span`` per table, ``span`` the
   number of ids the templates used), every foreign key and every generic reference
   (``target_type``/``target_id``, ``subject_type``/``subject_id`` of the audit trail) that
   points into the template rows moves by the same offset, every date and datetime moves by
   a whole number of weeks (so weekdays and business days stay as they were; the copies are
   spread over the two years before the templates' year, which gives three years), unique
   text fields get a ``~k`` suffix, and the audit chain is recomputed row by row with the
   audit app's own hash (``audit.chain.row_hash``) so ``verify_audit`` passes.

The number of requests is rounded up to a whole number of copies of the templates.
Variety between copies is only in time: the same mix of secretariats, kinds, channels and
people repeats in every copy (the templates cover all of them).

Rows bulk-inserted bypass the after-commit hooks: ``rebuild_derived()`` rebuilds what is
derived from them (see its TODO).

    generate(n=10_000, templates=40, out=print) -> dict   # counts and timings
"""

import math
import time
from datetime import date, datetime, timedelta

from django.apps import apps
from django.db import connection, models, transaction

# Tables never replayed: sessions, logins, caches and the app's settings rows.
SKIP_APPS = {"sessions", "admin", "axes", "contenttypes", "auth", "django_otp", "otp_totp",
             "otp_static", "huey_monitor"}
SKIP_MODELS = {"audit.verificationrun", "campaigns.publicityspendlimit"}
# The templates' year is the most recent; the copies go back this far before it.
SPAN_WEEKS = 104
BATCH_COPIES = 5


def _models():
    """Concrete models with an integer primary key, in an order where targets come first."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed and not meta.auto_created:
            continue
        if meta.app_label in SKIP_APPS or meta.label_lower in SKIP_MODELS:
            continue
        if not isinstance(meta.pk, models.AutoField | models.BigAutoField):
            continue
        found.append(model)
    order, seen = [], set()

    def visit(model, stack=()):
        if model in seen or model in stack:
            return
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            if target is not None and target in found and target is not model:
                visit(target, (*stack, model))
        seen.add(model)
        order.append(model)

    for model in found:
        visit(model)
    return order


def _max_pk(model) -> int:
    return model.objects.order_by().aggregate(m=models.Max("pk"))["m"] or 0


def baseline() -> dict:
    """The highest primary key of every replayable table, before the templates."""
    return {model._meta.label_lower: _max_pk(model) for model in _models()}


def play_templates(templates: int = 40, out=print) -> None:
    """Drive ``templates`` requests, the demo campaigns and the compliance cases through the
    services (the clock travels; nothing is queued)."""
    from campaigns.demo import seed_campaigns
    from pauta import clock
    from workflows.demo import seed_requests
    from workflows.demo_compliance import seed_compliance

    with clock.quiet():
        seed_requests(out, total=templates)
        seed_campaigns(out)
        seed_compliance(out)


class _Replay:
    def __init__(self, base: dict):
        self.base = base
        self.models = [m for m in _models() if _max_pk(m) > base[m._meta.label_lower]]
        self.labels = {m._meta.label_lower for m in self.models}
        self.span = {m._meta.label_lower: _max_pk(m) - base[m._meta.label_lower]
                     for m in self.models}
        self.plans = {}
        for model in self.models:
            fields = model._meta.concrete_fields
            fks = [(f.attname, f.related_model._meta.label_lower) for f in fields
                   if f.is_relation and f.related_model._meta.label_lower in self.labels]
            stamps = [f.attname for f in fields
                      if isinstance(f, models.DateTimeField | models.DateField)]
            unique = [f.attname for f in fields if f.unique and not f.primary_key
                      and isinstance(f, models.CharField | models.SlugField)]
            uuids = [f.attname for f in fields if f.unique and isinstance(f, models.UUIDField)]
            self.plans[model] = (fks, stamps, unique, uuids)

    def rows(self, model):
        label = model._meta.label_lower
        return list(model.objects.filter(pk__gt=self.base[label]).order_by("pk").values(
            *[f.attname for f in model._meta.concrete_fields]))

    def _move_ref(self, type_label, value, k):
        if type_label in self.labels and value not in ("", None):
            try:
                number = int(value)
            except (TypeError, ValueError):
                return value
            if number > self.base[type_label]:
                return str(number + k * self.span[type_label])
        return value

    def copy(self, model, row, k, shift):
        import uuid

        fks, stamps, unique, uuids = self.plans[model]
        label = model._meta.label_lower
        new = dict(row)
        new[model._meta.pk.attname] = row[model._meta.pk.attname] + k * self.span[label]
        for attname, target in fks:
            value = row[attname]
            if value is not None and value > self.base[target]:
                new[attname] = value + k * self.span[target]
        for attname in stamps:
            value = row[attname]
            if isinstance(value, datetime | date):
                new[attname] = value + shift
        for attname in unique:
            if row[attname]:
                new[attname] = f"{row[attname]}~{k}"
        for attname in uuids:
            new[attname] = uuid.uuid4()
        if label == "audit.auditevent":
            new["target_id"] = self._move_ref(row["target_type"], row["target_id"], k)
            new["subject_id"] = self._move_ref(row["subject_type"], row["subject_id"], k)
        return model(**new)


def _chain(events, last_hash):
    from audit.chain import _ROW_FIELDS, row_hash

    for event in events:
        event.prev_hash = last_hash
        event.hash = ""
        event.hash = row_hash({name: getattr(event, name) for name in _ROW_FIELDS})
        last_hash = event.hash
    return last_hash


def _reset_sequences(models_):
    if connection.vendor != "postgresql":
        return  # SQLite's AUTOINCREMENT follows the highest id inserted
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models_):
            cursor.execute(sql)


def replay(base: dict, copies: int, out=print) -> dict:
    """Insert ``copies - 1`` shifted copies of the template rows; returns rows per table."""
    from audit.models import AuditEvent

    plan = _Replay(base)
    templates = {model: plan.rows(model) for model in plan.models}
    counts = {model._meta.label_lower: len(rows) * copies for model, rows in templates.items()}
    last_hash = AuditEvent.objects.order_by("-pk").values_list("hash", flat=True).first()
    step = SPAN_WEEKS / max(copies - 1, 1)
    for first in range(1, copies, BATCH_COPIES):
        batch = range(first, min(first + BATCH_COPIES, copies))
        with transaction.atomic():
            for model in plan.models:
                objects = [plan.copy(model, row, k, -timedelta(weeks=math.ceil(k * step)))
                           for k in batch for row in templates[model]]
                if model is AuditEvent:
                    last_hash = _chain(objects, last_hash)
                model.objects.bulk_create(objects, batch_size=2000)
        if first % 50 == 1:
            out(f"  copies {first}-{batch[-1]} of {copies - 1}")
    _reset_sequences(plan.models)
    return counts


def rebuild_derived(out=print) -> None:
    """Rebuild what after-commit hooks derive from the rows (the bulk inserts skip them): the
    KPI facts (``manage.py kpi_rebuild``), then fresh planner statistics on PostgreSQL."""
    from django.core.management import call_command

    call_command("kpi_rebuild", verbosity=0)
    out("kpi_rebuild done")
    with connection.cursor() as cursor:  # fresh planner statistics (SQLite and PostgreSQL)
        cursor.execute("ANALYZE")


def generate(n: int = 10_000, templates: int = 40, out=print) -> dict:
    """N requests of history (rounded up to whole copies) on a database that holds the demo
    municipality without history (``seed_demo(history=False)``). Returns counts and seconds."""
    from workflows.models import ContentRequest

    started = time.perf_counter()
    base = baseline()
    play_templates(templates, out=out)
    played = time.perf_counter()
    per_copy = ContentRequest.objects.filter(pk__gt=base["workflows.contentrequest"]).count()
    copies = max(1, math.ceil(n / per_copy))
    out(f"{per_copy} template requests; {copies} copies")
    counts = replay(base, copies, out=out)
    replayed = time.perf_counter()
    rebuild_derived(out=out)
    return {"requests": ContentRequest.objects.count(), "copies": copies,
            "template_requests": per_copy, "rows": counts,
            "templates_s": round(played - started, 1),
            "replay_s": round(replayed - played, 1),
            "total_s": round(time.perf_counter() - started, 1)}
