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

**Copies hold only finished work.** The templates' own rows (copy 0) keep everything they
wrote, open work included: the requests still in progress with their active viewflow tasks,
the steps waiting for a decision, the campaigns not finished. Copies ``k >= 1`` replay only
the finished part: a template request that is not in a final state (published, archived,
rejected, withdrawn), a campaign that is not (closed, rejected, cancelled) and every row that
belongs to one of them are left out of every copy (``_Replay.open_work``: the rows whose
foreign keys lead to a left-out row, followed to a fixpoint — a campaign's pieces, a
request's process and its tasks, steps and decisions, check runs and findings, overrides,
publications and revisions, assignments, comments, seals, surveys —, viewflow's process row
of a left-out request process, and the audit events whose request, target or subject is a
left-out row). So the open work is the templates' whatever N, as an installation keeps a
few weeks of open work however long its history; the closed history grows with N.

**Configuration is not copied** (``CONFIGURATION``): the public officials and the allowed
domain the compliance templates create, and any other configuration table (rule settings,
brand terms, approval policies, rejection reasons, lead-time standards, holidays), exist
once; a copied row that refers to one refers to the same row.

The number of requests is rounded up to whole copies: the templates' requests, then as many
copies of their finished requests as reach N (``copies_for``).
Copies vary in time and in who asked for what: copy ``k`` moves every request and campaign
``k`` places along the secretariats that have a demo requester (round-robin, so each
secretariat gets its share of every template; the requester becomes the new secretariat's
requester when it was the old one's, and a plan action the new secretariat's action of the
same rank), and every request ``k`` places along the kinds its channels allow (the kinds
whose demo channels, ``workflows.demo.CHANNELS``, share one with the request's). What the
audit trail, the decisions and the findings recorded (actors, payloads) stays the
template's.

After the replay, one more campaign is played through the services (not copied):
``BIG_CAMPAIGN_PIECES`` (30) pieces in every state from submitted to published, the
benchmark's "campaign detail with 30 pieces".

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
# Configuration, not history: an installation keeps one set of these however long its history
# (the compliance templates create public officials and an allowed domain). Never replayed;
# copies that refer to such a row refer to the same row (not offset).
CONFIGURATION = {"approvals.publicofficial", "approvals.alloweddomain", "approvals.ruleconfig",
                 "approvals.ruleconfig_channels", "approvals.brandterm",
                 "approvals.approvalpolicy", "approvals.approvalpolicy_channels",
                 "approvals.policystep", "approvals.rejectionreason",
                 "workflows.leadtimestandard", "workflows.holiday"}
# Final states: a copy holds only finished work (see the module's docstring).
FINAL_REQUEST_STATES = {"published", "archived", "rejected", "withdrawn"}
FINAL_CAMPAIGN_STATES = {"closed", "rejected", "cancelled"}
# The templates' year is the most recent; the copies go back this far before it.
SPAN_WEEKS = 104
BATCH_COPIES = 5
BIG_CAMPAIGN_PIECES = 30
BIG_CAMPAIGN_TITLE = "Saúde em todos os bairros"


def _models():
    """Concrete models with an integer primary key, in an order where targets come first."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed and not meta.auto_created:
            continue
        if meta.app_label in SKIP_APPS or meta.label_lower in SKIP_MODELS | CONFIGURATION:
            continue
        if not isinstance(meta.pk, models.AutoField | models.BigAutoField) \
                and not _child(model):
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


def _child(model) -> bool:
    """A multi-table child (``ContentRequestProcess`` of viewflow's ``Process``): its primary
    key is the parent link, its own table holds only its local fields."""
    pk = model._meta.pk
    return bool(pk.is_relation and getattr(pk.remote_field, "parent_link", False))


def _fields(model):
    """The columns of the model's own table (a child's parent columns are its parent's)."""
    meta = model._meta
    return meta.local_concrete_fields if _child(model) else meta.concrete_fields


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


class _Variety:
    """What copy ``k`` changes besides time (see the module's docstring): the secretariat of a
    request or a campaign, with its requester and plan action, and the kind of a request."""

    def __init__(self, base: dict):
        from org.models import Secretariat, User
        from plans.models import PlanAction
        from workflows.demo import CHANNELS, REQUESTERS
        from workflows.models import ContentRequest, RequestKind

        found = dict(Secretariat.objects.filter(acronym__in=REQUESTERS)
                     .values_list("acronym", "pk"))
        users = dict(User.objects.filter(username__in=REQUESTERS.values())
                     .values_list("username", "pk"))
        self.ring = [found[acronym] for acronym in sorted(found)]
        self.requester = {found[a]: users.get(REQUESTERS[a]) for a in found}
        self.actions: dict[int, list[int]] = {}
        for pk, owner in PlanAction.objects.filter(pk__lte=base.get("plans.planaction", 0)) \
                .order_by("pk").values_list("pk", "owner_id"):
            self.actions.setdefault(owner, []).append(pk)
        self.rank = {pk: (owner, n) for owner, pks in self.actions.items()
                     for n, pk in enumerate(pks)}
        channels: dict[int, set] = {}
        for request_id, code in ContentRequest.channels.through.objects.filter(
                contentrequest_id__gt=base["workflows.contentrequest"]).values_list(
                "contentrequest_id", "channel__code"):
            channels.setdefault(request_id, set()).add(code)
        self.kinds = {request_id: [kind for kind in RequestKind.values
                                   if set(CHANNELS.get(kind, ())) & codes]
                      for request_id, codes in channels.items()}

    def move(self, new: dict, row: dict, k: int) -> None:
        """Copy ``k`` of a request's or a campaign's row (``new``) in another secretariat."""
        old = row["secretariat_id"]
        if old not in self.ring:
            return
        moved = self.ring[(self.ring.index(old) + k) % len(self.ring)]
        new["secretariat_id"] = moved
        if row.get("requester_id") == self.requester[old] and self.requester[moved]:
            new["requester_id"] = self.requester[moved]
        owner, n = self.rank.get(row.get("plan_action_id"), (None, 0))
        if owner == old and self.actions.get(moved):
            new["plan_action_id"] = self.actions[moved][n % len(self.actions[moved])]

    def kind(self, new: dict, row: dict, k: int) -> None:
        allowed = self.kinds.get(row["id"], [])
        if row["kind"] in allowed:
            new["kind"] = allowed[(allowed.index(row["kind"]) + k) % len(allowed)]


class _Replay:
    def __init__(self, base: dict):
        self.base = base
        self.models = [m for m in _models() if _max_pk(m) > base[m._meta.label_lower]]
        self.labels = {m._meta.label_lower for m in self.models}
        self.span = {m._meta.label_lower: _max_pk(m) - base[m._meta.label_lower]
                     for m in self.models}
        self.plans = {}
        for model in self.models:
            fields = _fields(model)
            fks = [(f.attname, f.related_model._meta.label_lower) for f in fields
                   if f.is_relation and f.related_model._meta.label_lower in self.labels]
            stamps = [f.attname for f in fields
                      if isinstance(f, models.DateTimeField | models.DateField)]
            unique = [f.attname for f in fields if f.unique and not f.primary_key
                      and isinstance(f, models.CharField | models.SlugField)]
            uuids = [f.attname for f in fields if f.unique and isinstance(f, models.UUIDField)]
            self.plans[model] = (fks, stamps, unique, uuids)
        self.variety = _Variety(base)

    def rows(self, model):
        label = model._meta.label_lower
        return list(model.objects.filter(pk__gt=self.base[label]).order_by("pk").values(
            *[f.attname for f in _fields(model)]))

    def open_work(self, templates: dict) -> dict[str, set]:
        """The template rows no copy holds, by table: the requests not in a final state, the
        campaigns not finished, and every row that belongs to one of them — its foreign keys
        followed to a fixpoint (pieces, process and tasks, steps and decisions, runs and
        findings, publications and revisions, comments, surveys…), a multi-table child's
        parent row (viewflow's process of a dropped request process) and the audit events
        whose request, target or subject is one of them."""
        pk = {model: model._meta.pk.attname for model in templates}
        dropped: dict[str, set] = {label: set() for label in self.labels}
        for model, state_of, final in ((apps.get_model("workflows.ContentRequest"), "state",
                                        FINAL_REQUEST_STATES),
                                       (apps.get_model("campaigns.Campaign"), "state",
                                        FINAL_CAMPAIGN_STATES)):
            if model in templates:
                dropped[model._meta.label_lower] = {row[pk[model]] for row in templates[model]
                                                    if row[state_of] not in final}
        changed = True
        while changed:
            changed = False
            for model, rows in templates.items():
                label = model._meta.label_lower
                fks = self.plans[model][0]
                parent = model._meta.pk.related_model._meta.label_lower if _child(model) \
                    else None
                for row in rows:
                    key = row[pk[model]]
                    if key not in dropped[label] and (
                            any(row[a] in dropped[t] for a, t in fks if row[a] is not None)
                            or label == "audit.auditevent" and self._refers_to(row, dropped)):
                        dropped[label].add(key)
                        changed = True
                    if parent in dropped and key in dropped[label] \
                            and key not in dropped[parent]:
                        dropped[parent].add(key)
                        changed = True
        return dropped

    def _refers_to(self, row, dropped) -> bool:
        for kind, value in ((row["target_type"], row["target_id"]),
                            (row["subject_type"], row["subject_id"])):
            if kind in dropped and str(value).isdigit() and int(value) in dropped[kind]:
                return True
        return False

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
        if label in ("workflows.contentrequest", "campaigns.campaign"):
            self.variety.move(new, row, k)
        if label == "workflows.contentrequest":
            self.variety.kind(new, row, k)
        if label == "audit.auditevent":
            new["target_id"] = self._move_ref(row["target_type"], row["target_id"], k)
            new["subject_id"] = self._move_ref(row["subject_type"], row["subject_id"], k)
        if _child(model):  # only its own table's row: the parent's row is its own copy
            return tuple(new[f.attname] for f in _fields(model))
        return model(**new)


def play_big_campaign(pieces: int = BIG_CAMPAIGN_PIECES, out=print) -> None:
    """One running campaign of ``pieces`` pieces, through the services as the demo campaigns
    (``campaigns.demo``): its pieces end submitted, in production, scheduled or published."""
    import random

    from campaigns.demo import _play
    from org.models import User
    from pauta import clock

    if not pieces:
        return
    kinds = ["social", "news", "video", "printed", "press_release", "coverage"]
    targets = ["published", "published", "scheduled", "in_production", "submitted"]
    spec = {"title": BIG_CAMPAIGN_TITLE, "acronym": "SMS", "state": "running",
            "start": clock.today() - timedelta(days=30), "days": 3 * pieces, "paid": "0",
            "own": "8000", "channels": ["portal", "instagram", "facebook"],
            "pieces": [(kinds[n % len(kinds)], targets[n % len(targets)])
                       for n in range(pieces)], "spend": []}
    with clock.quiet():
        _play(random.Random(30), {u.username: u for u in User.objects.all()}, spec)
    out(f"campaign {BIG_CAMPAIGN_TITLE!r} with {pieces} pieces")


def _chain(events, last_hash):
    from audit.chain import _ROW_FIELDS, row_hash

    for event in events:
        event.prev_hash = last_hash
        event.hash = ""
        event.hash = row_hash({name: getattr(event, name) for name in _ROW_FIELDS})
        last_hash = event.hash
    return last_hash


def _insert_rows(model, rows) -> None:
    """Rows of a multi-table child's own table (``bulk_create`` refuses such models), values
    adapted by their fields as the ORM would."""
    fields = _fields(model)
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} "
           f"({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[f.get_db_prep_save(value, connection)
                                  for f, value in zip(fields, row, strict=True)]
                                 for row in rows])


def _reset_sequences(models_):
    if connection.vendor != "postgresql":
        return  # SQLite's AUTOINCREMENT follows the highest id inserted
    models_ = [model for model in models_ if not _child(model)]  # their ids are the parent's
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models_):
            cursor.execute(sql)


def prepare(base: dict):
    """The replay's plan, the template rows and the rows a copy holds (finished work only)."""
    plan = _Replay(base)
    templates = {model: plan.rows(model) for model in plan.models}
    dropped = plan.open_work(templates)
    finished = {model: [row for row in rows
                        if row[model._meta.pk.attname] not in dropped[model._meta.label_lower]]
                for model, rows in templates.items()}
    return plan, templates, finished


def copies_for(n: int, templates: int, per_copy: int) -> int:
    """Copies (the templates' own included) for at least ``n`` requests: the templates hold
    ``templates`` requests, each further copy ``per_copy`` (their finished ones)."""
    if n <= templates or not per_copy:
        return 1
    return 1 + math.ceil((n - templates) / per_copy)


def replay(base: dict, copies: int, out=print, prepared=None) -> dict:
    """Insert ``copies - 1`` shifted copies of the template rows that hold finished work;
    returns rows per table."""
    from audit.chain import forget_head
    from audit.models import AuditEvent

    plan, templates, finished = prepared or prepare(base)
    counts = {model._meta.label_lower: len(rows) + len(finished[model]) * (copies - 1)
              for model, rows in templates.items()}
    last_hash = AuditEvent.objects.order_by("-pk").values_list("hash", flat=True).first()
    step = SPAN_WEEKS / max(copies - 1, 1)
    for first in range(1, copies, BATCH_COPIES):
        batch = range(first, min(first + BATCH_COPIES, copies))
        with transaction.atomic():
            for model in plan.models:
                objects = [plan.copy(model, row, k, -timedelta(weeks=math.ceil(k * step)))
                           for k in batch for row in finished[model]]
                if model is AuditEvent:
                    last_hash = _chain(objects, last_hash)
                if _child(model):
                    _insert_rows(model, objects)
                else:
                    model.objects.bulk_create(objects, batch_size=2000)
        if first % 50 == 1:
            out(f"  copies {first}-{batch[-1]} of {copies - 1}")
    _reset_sequences(plan.models)
    # The chain's head moved under the audit app: a caller's transaction (a test's) that
    # appended before must read it again before the next event (``play_big_campaign``).
    forget_head()
    return counts


def rebuild_derived(out=print) -> None:
    """Rebuild what after-commit hooks derive from the rows (the bulk inserts skip them): the
    KPI facts (``manage.py kpi_rebuild``), then fresh planner statistics on PostgreSQL."""
    from io import StringIO

    from django.core.management import call_command

    summary = StringIO()  # its summary line: to ``out``, not among bench_history's printed rows
    call_command("kpi_rebuild", verbosity=0, stdout=summary)
    out(summary.getvalue().strip() or "kpi_rebuild done")
    with connection.cursor() as cursor:  # fresh planner statistics (SQLite and PostgreSQL)
        cursor.execute("ANALYZE")


def generate(n: int = 10_000, templates: int = 40, out=print,
             campaign_pieces: int = BIG_CAMPAIGN_PIECES) -> dict:
    """N requests of history (rounded up to whole copies) on a database that holds the demo
    municipality without history (``seed_demo(history=False)``), then the campaign of
    ``campaign_pieces`` pieces (0: none). Returns counts and seconds."""
    from workflows.models import ContentRequest

    started = time.perf_counter()
    base = baseline()
    play_templates(templates, out=out)
    played = time.perf_counter()
    prepared = prepare(base)
    request_model = ContentRequest._meta.concrete_model
    template_requests = len(prepared[1].get(request_model, []))
    per_copy = len(prepared[2].get(request_model, []))
    copies = copies_for(n, template_requests, per_copy)
    out(f"{template_requests} template requests, {per_copy} of them finished; {copies} copies")
    counts = replay(base, copies, out=out, prepared=prepared)
    replayed = time.perf_counter()
    play_big_campaign(campaign_pieces, out=out)
    campaign = time.perf_counter()
    rebuild_derived(out=out)
    return {"requests": ContentRequest.objects.count(), "copies": copies,
            "campaign_pieces": campaign_pieces,
            "template_requests": template_requests, "copy_requests": per_copy,
            "request_span": prepared[0].span.get("workflows.contentrequest", 0),
            "rows": counts,
            "templates_s": round(played - started, 1),
            "replay_s": round(replayed - played, 1),
            "campaign_s": round(campaign - replayed, 1),
            "total_s": round(time.perf_counter() - started, 1)}
