"""Step 2 of 3: every clipping outlet goes to a press desk outlet, and the sources and clips
follow it.

Each clipping outlet goes to its ``press_outlet`` if set, else to the press outlet with the
same name (case and surrounding spaces ignored, compared in Python: SQLite folds ASCII only),
else to a new press outlet (its type from the medium: print → newspaper, online → news
portal, radio, TV). What the press outlet lacks is taken from the clipping outlet: the
website when it has none, the estimated reach as its audience when it has none (several
clipping outlets on one press outlet: the largest). A new press outlet keeps the clipping
outlet's active flag; an existing one stays as the desk has it. Not reversible.
"""

from django.db import migrations

TYPE_BY_MEDIUM = {"print": "newspaper", "online": "portal", "radio": "radio", "tv": "tv"}


def fold(name: str) -> str:
    return (name or "").strip().casefold()


def plan(clipping_outlets: list[dict], press_outlets: list[dict]):
    """What to do, as data (tested directly: clipping/tests/test_outlet_migration.py).

    ``clipping_outlets``: dicts with id, name, medium, website, reach, active, press_outlet_id;
    ``press_outlets``: dicts with id, name, website, audience. Returns ``(targets, changes,
    new)``: ``targets`` maps each clipping outlet id to a press outlet id or to ``("new", key)``;
    ``changes`` maps press outlet ids to the fields to set; ``new`` maps keys to the fields of
    the press outlets to create."""
    by_id = {row["id"]: row for row in press_outlets}
    by_name: dict[str, dict] = {}
    for row in sorted(press_outlets, key=lambda r: r["id"]):
        by_name.setdefault(fold(row["name"]), row)
    targets, changes, new = {}, {}, {}
    for outlet in sorted(clipping_outlets, key=lambda r: r["id"]):
        press = by_id.get(outlet["press_outlet_id"]) or by_name.get(fold(outlet["name"]))
        if press is None:
            key = fold(outlet["name"])
            if key not in new:
                new[key] = {"name": outlet["name"].strip(),
                            "type": TYPE_BY_MEDIUM.get(outlet["medium"], "portal"),
                            "reach": "local", "website": outlet["website"] or "",
                            "audience": outlet["reach"] or 0, "active": outlet["active"]}
            else:  # two clipping outlets whose names differ only in case
                merged = new[key]
                merged["website"] = merged["website"] or outlet["website"] or ""
                merged["audience"] = max(merged["audience"], outlet["reach"] or 0)
                merged["active"] = merged["active"] or outlet["active"]
            targets[outlet["id"]] = ("new", key)
            continue
        targets[outlet["id"]] = press["id"]
        fields = changes.setdefault(press["id"], {})
        if not press["website"] and not fields.get("website") and outlet["website"]:
            fields["website"] = outlet["website"]
        audience = max(fields.get("audience", press["audience"] or 0), outlet["reach"] or 0)
        if audience != (press["audience"] or 0):
            fields["audience"] = audience
    return targets, {pk: f for pk, f in changes.items() if f}, new


def forward(apps, schema_editor):
    ClippingOutlet = apps.get_model("clipping", "Outlet")
    PressOutlet = apps.get_model("press", "Outlet")
    Source = apps.get_model("clipping", "Source")
    Clip = apps.get_model("clipping", "Clip")
    targets, changes, new = plan(
        list(ClippingOutlet.objects.values("id", "name", "medium", "website", "reach", "active",
                                           "press_outlet_id")),
        list(PressOutlet.objects.values("id", "name", "website", "audience")))
    for pk, fields in changes.items():
        PressOutlet.objects.filter(pk=pk).update(**fields)
    created = {key: PressOutlet.objects.create(**fields).pk for key, fields in new.items()}
    for clipping_id, target in targets.items():
        press_id = created[target[1]] if isinstance(target, tuple) else target
        Source.objects.filter(outlet_id=clipping_id).update(desk_outlet_id=press_id)
        Clip.objects.filter(outlet_id=clipping_id).update(desk_outlet_id=press_id)


class Migration(migrations.Migration):

    dependencies = [
        ('clipping', '0003_outlet_on_press_desk'),
    ]

    operations = [
        migrations.RunPython(forward, elidable=False),
    ]
