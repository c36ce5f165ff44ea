"""JSON shapes of the KPI endpoints: indicator definitions, the slice query, the values."""

import re

from django.utils.translation import gettext as _
from rest_framework import serializers

from api.fields import MAX_ID, DateField
from pauta import inputs
from workflows.models import RequestKind

PERIOD = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    definition = serializers.CharField()
    section = serializers.CharField()
    unit = serializers.CharField(
        help_text="count, percent, business_days, days, score, money, hours")
    unit_label = serializers.CharField()
    better = serializers.ChoiceField(choices=["higher", "lower"])
    additive = serializers.BooleanField(help_text="Counts that add up over time.")
    chart = serializers.CharField(allow_blank=True)


class SliceQuerySerializer(serializers.Serializer):
    """The dashboard's filters; ``period`` is a shorthand for a year or a month."""

    period = serializers.CharField(required=False, help_text="A year (2026) or a month "
                                   "(2026-03). Default: 1 January to today. Not with "
                                   "start/end.")
    start = DateField(required=False, help_text="First day (with end).")
    end = DateField(required=False, help_text="Last day (with start).")
    secretariat = serializers.IntegerField(required=False, min_value=0, max_value=MAX_ID)
    channel = serializers.IntegerField(required=False, min_value=0, max_value=MAX_ID)
    kind = serializers.ChoiceField(required=False, choices=RequestKind.choices)

    def validate_period(self, value):
        if not PERIOD.match(value):
            raise serializers.ValidationError(_("Give a year (2026) or a month (2026-03)."))
        if not inputs.MIN_YEAR <= int(value[:4]) <= inputs.MAX_YEAR:
            raise serializers.ValidationError(inputs.year_message())
        return value

    def validate(self, data):
        if data.get("period") and (data.get("start") or data.get("end")):
            raise serializers.ValidationError(
                {"period": [_("Give either a period or start and end, not both.")]})
        return data


class PointSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    group = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_null=True, help_text="The requests behind this point.")


class ValueSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    value = serializers.FloatField(allow_null=True, help_text="Null: no data in the slice.")
    url = serializers.CharField(allow_null=True, help_text="The requests behind the figure.")
    series = PointSerializer(many=True)
    extra = serializers.DictField(help_text="Indicator-specific details (counts, totals).")


class SliceSerializer(serializers.Serializer):
    start = DateField()
    end = DateField()
    secretariat = serializers.IntegerField(allow_null=True)
    channel = serializers.IntegerField(allow_null=True)
    kind = serializers.CharField(allow_blank=True)
    scoped = serializers.BooleanField(help_text="True: restricted to your secretariats.")


class ValuesSerializer(serializers.Serializer):
    slice = SliceSerializer()
    results = ValueSerializer(many=True)
