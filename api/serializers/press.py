"""JSON shapes of the press desk (read-only): inquiries and media outlets. No journalist's
personal data: an inquiry names its contact by id and its outlet."""

from rest_framework import serializers

from api.serializers.requests import SecretariatRefSerializer
from press.models import Inquiry, Outlet


class OutletSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outlet
        fields = ["id", "name", "type", "reach", "city", "website", "audience", "active"]
        read_only_fields = fields


class InquirySerializer(serializers.ModelSerializer):
    secretariat = SecretariatRefSerializer(read_only=True)
    outlet = OutletSerializer(read_only=True, allow_null=True)
    overdue = serializers.BooleanField(read_only=True)
    spokesperson = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Inquiry
        fields = ["id", "kind", "state", "theme", "questions", "answer", "deadline", "overdue",
                  "sensitive", "secretariat", "outlet", "journalist", "received_via",
                  "on_record", "created_at", "forwarded_at", "sent_at", "closed_at",
                  "escalated_at", "spokesperson", "interview_at", "interview_place",
                  "spokesperson_confirmed_at"]
        read_only_fields = fields
