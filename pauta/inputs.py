"""One way to read untrusted input: bounded ids, dates in 1900–2999, ISO moments, short texts.

Every form, list filter, JSON view and API field reads dates and numbers through here, so
malformed input is a form error or a translated 400, never a server error: no date the
database or the period arithmetic cannot hold (year 0001, year 9999 plus an offset), no id
past what an ``integer`` column holds (SQLite overflows past 2**63 - 1, PostgreSQL past
2**31 - 1 on ``integer``), no search text long enough to make every ``LIKE`` crawl.
"""

import datetime as dt

import django_filters
from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

MIN_YEAR, MAX_YEAR = 1900, 2999
MAX_ID = 2**31 - 1  # the largest value of an ``integer`` column on every database
MAX_QUERY_TEXT = 200  # a search longer than this is refused (400), not truncated
YEAR_MESSAGE = _("Choose dates between the years %(first)s and %(last)s.")
CHOOSE = _("Choose…")  # the empty choice of a select (Django says "---------")


class BadInput(BadRequest):
    """Malformed input: answered 400 with ``message`` (already translated)."""

    def __init__(self, message: str):
        self.message = str(message)
        super().__init__(self.message)


def year_message() -> str:
    return str(YEAR_MESSAGE) % {"first": MIN_YEAR, "last": MAX_YEAR}


def check_year(value) -> None:
    """Validator: a date or datetime whose year is within 1900–2999 (in local time too)."""
    if value is None:
        return
    years = [value.year]
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        try:
            years.append(timezone.localtime(value).year)
            years.append(value.astimezone(dt.UTC).year)
        except (OverflowError, ValueError) as exc:
            raise ValidationError(year_message(), code="year_range") from exc
    if not all(MIN_YEAR <= year <= MAX_YEAR for year in years):
        raise ValidationError(year_message(), code="year_range")


def in_id_range(value) -> bool:
    """True when ``value`` is an int an id column can hold (not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_ID


def to_id(value) -> int | None:
    """``value`` (str or int) as an id, or None when it is not one a database could hold."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value.isascii() or not value.isdigit() or len(value) > 10:
            return None
        value = int(value)
    return value if in_id_range(value) else None


def to_date(value) -> dt.date | None:
    """An ISO date (YYYY-MM-DD) within 1900–2999, or None."""
    try:
        day = parse_date(str(value).strip())
    except (ValueError, TypeError):
        return None
    if day is None or not MIN_YEAR <= day.year <= MAX_YEAR:
        return None
    return day


def to_moment(value) -> dt.datetime | None:
    """An ISO 8601 date-time (naive ones in local time) within 1900–2999, aware, or None."""
    text = str(value).strip()
    try:
        moment = parse_datetime(text)
    except (ValueError, TypeError):
        return None
    if moment is None:
        day = to_date(text)
        moment = dt.datetime.combine(day, dt.time()) if day else None
    if moment is None:
        return None
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        check_year(moment)
    except (ValidationError, OverflowError, ValueError):
        return None
    return moment


# Query parameters -------------------------------------------------------------------------


def query_moment(params, name: str, *, required: bool = True) -> dt.datetime | None:
    """An ISO date-time parameter within 1900–2999; missing or malformed answers 400."""
    raw = params.get(name)
    if raw in (None, "") and not required:
        return None
    value = to_moment(raw) if raw not in (None, "") else None
    if value is None:
        raise BadInput(gettext("“%(name)s” must be a date and time (ISO 8601) between the "
                               "years %(first)s and %(last)s.")
                       % {"name": name, "first": MIN_YEAR, "last": MAX_YEAR})
    return value


def query_text(params, name: str, *, max_length: int = MAX_QUERY_TEXT) -> str:
    """A text parameter (stripped); longer than ``max_length`` answers 400."""
    value = (params.get(name) or "").strip()
    if len(value) > max_length:
        raise BadInput(gettext("The search is too long: use at most %(limit)s characters.")
                       % {"limit": max_length})
    return value


# Form fields -------------------------------------------------------------------------------


class DateField(forms.DateField):
    """A date within 1900–2999."""

    default_validators = [check_year]


class DateTimeField(forms.DateTimeField):
    """A date-time within 1900–2999 (local or UTC), never past what the database holds."""

    default_validators = [check_year]

    def to_python(self, value):
        try:
            return super().to_python(value)
        except (OverflowError, ValueError) as exc:
            raise ValidationError(year_message(), code="year_range") from exc


class IdField(forms.IntegerField):
    """An integer an id column can hold."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


def fits_id(value) -> bool:
    """True unless ``value`` is a number outside what an id column holds."""
    try:
        return 0 <= int(value) <= MAX_ID
    except (TypeError, ValueError):
        return True  # not a number: the field's own validation answers


class ModelChoiceField(forms.ModelChoiceField):
    """A choice by id; an id no column holds is an invalid choice (not an overflow).

    The empty choice says "Choose…" in the reader's language instead of Django's
    "---------"; a filter names what the empty choice means ("All secretariats").
    """

    def __init__(self, *args, empty_label=CHOOSE, **kwargs):
        super().__init__(*args, empty_label=empty_label, **kwargs)

    def to_python(self, value):
        if value not in self.empty_values and not fits_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Choices by id; an id no column holds is an invalid choice (not an overflow)."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else ():
            if not fits_id(pk):
                raise ValidationError(self.error_messages["invalid_choice"],
                                      code="invalid_choice", params={"value": pk})
        return super()._check_values(value)


def formfield(db_field: models.Field, **kwargs):
    """``formfield_callback`` of every ModelForm: dates and choices get the bounded fields,
    and a select's empty choice says "Choose…" (not Django's "---------")."""
    if db_field.choices and "choices" not in kwargs:
        include_blank = db_field.blank or not (db_field.has_default() or "initial" in kwargs)
        kwargs["choices"] = db_field.get_choices(include_blank=include_blank,
                                                 blank_choice=[("", CHOOSE)])
    if isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", DateTimeField)
    elif isinstance(db_field, models.DateField):
        kwargs.setdefault("form_class", DateField)
    elif isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    elif isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", ModelChoiceField)
    return db_field.formfield(**kwargs)


class DateFilter(django_filters.DateFilter):
    field_class = DateField


class IdFilter(django_filters.NumberFilter):
    field_class = IdField


class SearchField(forms.CharField):
    """A search box: at most ``MAX_QUERY_TEXT`` characters (the list answers 400 past it)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", MAX_QUERY_TEXT)
        super().__init__(*args, **kwargs)


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ModelChoiceField
