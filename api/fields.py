"""Inputs bounded to what every database holds: ids (SQLite overflows past 2**63 - 1) and
moments (PostgreSQL refuses UTC offsets beyond ±15:59, which ISO 8601 parsers accept).

Out-of-range ids answer 400 (filters, bodies) or 404 (paths), never a server error. The
bounds and the date check are ``pauta.inputs``'s, shared with the forms and the HTML views.
"""

import datetime

import django_filters
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pauta import inputs
from pauta.inputs import MAX_ID, IdField, check_year

ID_SCHEMA = {"type": "integer", "minimum": 0, "maximum": MAX_ID}


def path_id(value) -> int:
    """A path's id as an int, or 404."""
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    if not 0 <= number <= MAX_ID:
        raise Http404
    return number


_in_range = inputs.fits_id
SafeModelChoiceField = inputs.ModelChoiceField


@extend_schema_field(ID_SCHEMA)
class IdFilter(django_filters.NumberFilter):
    field_class = IdField


@extend_schema_field(ID_SCHEMA)
class SafeModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = SafeModelChoiceField


class SafePrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    def to_internal_value(self, data):
        if not isinstance(data, bool) and not _in_range(data):
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


class MomentField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 moment sent to the database in UTC, whatever offset it was written with."""

    default_validators = [check_year]

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return value
        try:
            return value.astimezone(datetime.UTC)
        except OverflowError as exc:  # e.g. 9999-12-31T23:00-05:00 is past year 9999 in UTC
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc


class MomentFilter(django_filters.IsoDateTimeFilter):
    field_class = MomentField


class DateField(serializers.DateField):
    """A date within 1900–2999 (``pauta.inputs.check_year``)."""

    def __init__(self, *args, **kwargs):
        kwargs["validators"] = [*kwargs.get("validators", ()), check_year]
        super().__init__(*args, **kwargs)


class DateTimeField(serializers.DateTimeField):
    """A date-time within 1900–2999, local and UTC (``pauta.inputs.check_year``)."""

    def __init__(self, *args, **kwargs):
        kwargs["validators"] = [*kwargs.get("validators", ()), check_year]
        super().__init__(*args, **kwargs)

    def enforce_timezone(self, value):
        try:
            return super().enforce_timezone(value)
        except (OverflowError, ValueError) as exc:
            raise serializers.ValidationError(inputs.year_message(), code="year_range") from exc


class BoundedDates:
    """Mixin of model serializers that take input: model dates become the bounded fields."""

    serializer_field_mapping = {**serializers.ModelSerializer.serializer_field_mapping,
                                models.DateField: DateField, models.DateTimeField: DateTimeField}
