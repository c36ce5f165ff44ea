"""One colour per publication channel on the editorial calendar, and its legend.

A channel keeps its colour for as long as it exists: the colour is its position among all
channels (by id) in a palette of twelve, each with at least 4.5:1 contrast for white text
(``calendars/static/calendars/calendar.css``, classes ``channel-c0`` … ``channel-c11``). The
channel's name is written on every piece too, so colour is never the only sign.
"""

PALETTE_SIZE = 12


def channel_classes() -> dict[int, str]:
    """channel id -> its CSS class."""
    from plans.models import Channel

    ids = Channel.objects.order_by("pk").values_list("pk", flat=True)
    return {pk: f"channel-c{n % PALETTE_SIZE}" for n, pk in enumerate(ids)}


def channel_palette() -> dict[int, tuple[str, str]]:
    """channel id -> (its CSS class, its name), in one query (the calendar's JSON)."""
    from plans.models import Channel

    rows = Channel.objects.order_by("pk").values_list("pk", "name")
    return {pk: (f"channel-c{n % PALETTE_SIZE}", name) for n, (pk, name) in enumerate(rows)}


def legend(classes: dict[int, str]) -> list[dict]:
    """The active channels with their class, for the legend under the calendar."""
    from plans.models import Channel

    return [{"name": c.name, "css": classes.get(c.pk, "")}
            for c in Channel.objects.filter(active=True).order_by("name")]
