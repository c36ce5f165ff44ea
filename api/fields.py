"""Inputs bounded to what every database holds: ids (SQLite overflows past 2**63 - 1) and
moments (PostgreSQL refuses UTC offsets beyond ±15:59, which ISO 8601 parsers accept).

Out-of-range ids answer 400 (filters, bodies) or 404 (paths), never a server error.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

MAX_ID = 2**31 - 1
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


def _in_range(value) -> bool:
    try:
        return 0 <= int(value) <= MAX_ID
    except (TypeError, ValueError):
        return True  # not a number: the field's own validation answers


class IdField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


@extend_schema_field(ID_SCHEMA)
class IdFilter(django_filters.NumberFilter):
    field_class = IdField


class SafeModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _in_range(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


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
