"""JSON shapes of the read-only resources: calendar events, plans and plan actions."""

from rest_framework import serializers

from api.serializers.requests import SecretariatRefSerializer
from calendars.models import Event
from plans.models import KPITarget, Objective, Plan, PlanAction


class EventSerializer(serializers.ModelSerializer):
    secretariat = SecretariatRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Event
        fields = ["id", "uid", "kind", "title", "description", "location", "secretariat",
                  "plan_action", "all_day", "starts_at", "ends_at", "rrule", "status",
                  "visibility", "updated_at"]
        read_only_fields = fields


class PlanActionSerializer(serializers.ModelSerializer):
    objective = serializers.SlugRelatedField(slug_field="code", read_only=True)
    owner = SecretariatRefSerializer(read_only=True)
    channels = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    audiences = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = PlanAction
        fields = ["id", "plan", "code", "title", "objective", "owner", "start", "end",
                  "channels", "audiences", "planned_pieces", "budget"]
        read_only_fields = fields


class ObjectiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = Objective
        fields = ["id", "code", "title", "description"]
        read_only_fields = fields


class KPITargetSerializer(serializers.ModelSerializer):
    objective = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = KPITarget
        fields = ["id", "code", "indicator", "objective", "start", "end", "target", "unit"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = ["id", "year", "title", "state", "revision", "submitted_at", "approved_at",
                  "closed_at"]
        read_only_fields = fields


class PlanDetailSerializer(PlanSerializer):
    objectives = ObjectiveSerializer(many=True, read_only=True)
    kpi_targets = KPITargetSerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "objectives", "kpi_targets"]
        read_only_fields = fields
