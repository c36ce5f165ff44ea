"""Template helpers shared by every page: the state tag and locale dates, times and money.

``{% load pauta_ui %}`` then ``{% state_tag obj %}`` (a ``br-tag`` coloured by the state's
tone, with an icon and the state's name: the colour is never the only sign), ``{{ d|day }}``
("14 de dezembro"), ``{{ t|hour }}`` ("10h", "10h30" in pt-BR; "10:00" elsewhere),
``{{ n|money }}`` ("R$ 130.000,00") and ``{{ n|number }}`` ("27.200").
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import get_language

from pauta.states import tone_of

register = template.Library()

# Where the currency symbol goes, by ISO code; a non-breaking space between.
CURRENCIES = {"BRL": ("R$\u00a0", ""), "EUR": ("", "\u00a0€"), "USD": ("US$\u00a0", "")}


@register.inclusion_tag("pauta/_state_tag.html")
def state_tag(obj, field: str = "state"):
    """The tag of an object's lifecycle state (``state`` or another choice field)."""
    value = getattr(obj, field, "")
    label = getattr(obj, f"get_{field}_display", lambda: value)()
    tone, icon = tone_of(value)
    return {"value": value, "label": label, "tone": tone, "icon": icon}


@register.filter
def day(value):
    """A date as people say it: "14 de dezembro" this year, "14 de dezembro de 2027" else."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not isinstance(value, date):
        return value
    same_year = value.year == timezone.localdate().year
    text = formats.date_format(value, "MONTH_DAY_FORMAT" if same_year else "DATE_FORMAT")
    # Portuguese writes month names in lower case; Django's catalogue capitalises them.
    return text.lower() if (get_language() or "").lower().startswith("pt") else text


@register.filter
def hour(value):
    """A time of day: "10h" or "10h30" in Brazilian Portuguese, "10:00" (24 hours) else."""
    if not value:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if (get_language() or "").lower() == "pt-br":
        return f"{value.hour}h" if not value.minute else f"{value.hour}h{value.minute:02d}"
    return f"{value.hour:02d}:{value.minute:02d}"


def _decimal(value):
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


@register.filter
def number(value, places=0):
    """A number with the locale's separators, grouped: "27.200" or "27.200,5" in pt-BR."""
    amount = _decimal(value)
    if amount is None:
        return value
    # Django's number_format cuts the extra decimals off; a person expects 55.66 as "55,7".
    amount = _rounded(amount, int(places))
    return formats.number_format(amount, int(places), use_l10n=True, force_grouping=True)


def _rounded(amount: Decimal, places: int) -> Decimal:
    return amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@register.filter
def money(value):
    """An amount in the installation's currency (``CURRENCY``): "R$ 130.000,00"."""
    amount = _decimal(value)
    if amount is None:
        return value
    before, after = CURRENCIES.get(settings.CURRENCY, ("", f"\u00a0{settings.CURRENCY}"))
    text = formats.number_format(_rounded(abs(amount), 2), 2, use_l10n=True, force_grouping=True)
    return f"{'-' if amount < 0 else ''}{before}{text}{after}"
