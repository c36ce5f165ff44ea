"""JSON shapes of content requests, their texts, steps and the inputs of each action."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import MAX_ID, BoundedDates, DateTimeField, SafePrimaryKeyRelatedField
from approvals.models import ApprovalStep, Decision, RejectionReason
from workflows.models import ContentRequest, OfflineReason, Publication


class SecretariatRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    acronym = serializers.CharField()
    name = serializers.CharField()


class PublicationSerializer(serializers.ModelSerializer):
    channel = serializers.SlugRelatedField(slug_field="code", read_only=True)
    request = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Publication
        fields = ["id", "request", "channel", "title", "body", "excerpt", "scheduled_at",
                  "published_at", "url", "cancelled_at", "version"]
        read_only_fields = fields


class RequestListSerializer(serializers.ModelSerializer):
    """A row of the request lists (what the UI list shows)."""

    secretariat = SecretariatRefSerializer(read_only=True)
    requester = serializers.SlugRelatedField(slug_field="username", read_only=True)
    assignee = serializers.SlugRelatedField(slug_field="username", read_only=True)
    channels = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = ContentRequest
        fields = ["id", "title", "kind", "state", "priority", "secretariat", "requester",
                  "assignee", "channels", "desired_date", "due_date", "created_at",
                  "updated_at", "submitted_at", "published_at"]
        read_only_fields = fields


class RequestWebhookSerializer(RequestListSerializer):
    """The request as webhook bodies carry it: the list row plus its publications."""

    publications = PublicationSerializer(many=True, read_only=True)

    class Meta(RequestListSerializer.Meta):
        fields = [*RequestListSerializer.Meta.fields, "publications"]
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer):
    decided_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    reason = serializers.SlugRelatedField(slug_field="code", read_only=True)
    request = serializers.IntegerField(source="step.request_id", read_only=True)

    class Meta:
        model = Decision
        fields = ["id", "request", "step", "decided_by", "outcome", "reason", "comment",
                  "created_at"]
        read_only_fields = fields


class StepSerializer(serializers.ModelSerializer):
    group = serializers.SlugRelatedField(slug_field="name", read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = ApprovalStep
        fields = ["id", "review_round", "stage", "name", "approvers", "group", "quorum",
                  "legal", "status", "closed_at", "decisions"]
        read_only_fields = fields


class RequestDetailSerializer(RequestListSerializer):
    audiences = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    publications = PublicationSerializer(many=True, read_only=True)
    steps = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField(
        help_text="The actions the authenticated person may take now (same as the UI).")

    class Meta(RequestListSerializer.Meta):
        fields = [*RequestListSerializer.Meta.fields, "brief", "audiences", "plan_action",
                  "priority_justification", "sensitive", "review_round", "info_question",
                  "rejection_reason", "rating", "publications", "steps", "actions"]
        read_only_fields = fields

    @extend_schema_field(StepSerializer(many=True))
    def get_steps(self, obj):
        steps = [s for s in obj.approval_steps.all() if s.review_round == obj.review_round]
        return StepSerializer(steps, many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, obj):
        from workflows.actions import ACTIONS

        return ACTIONS.available(self.context["request"].user, obj)


class RequestCreateSerializer(BoundedDates, serializers.ModelSerializer):
    """The brief. The choices are the ones the UI offers (own secretariats, active channels
    and audiences, plan actions open for the secretariat on the date); the business rules
    (dates, lead time) are the service's, so both say the same sentence."""

    serializer_related_field = SafePrimaryKeyRelatedField
    submit = serializers.BooleanField(default=False, write_only=True,
                                      help_text="Submit at once instead of keeping a draft.")

    class Meta:
        model = ContentRequest
        fields = ["secretariat", "kind", "title", "brief", "desired_date", "channels",
                  "audiences", "plan_action", "priority", "priority_justification",
                  "sensitive", "submit"]
        extra_kwargs = {"channels": {"required": False}, "audiences": {"required": False}}

    def _refuse(self):
        raise serializers.ValidationError(
            _("Select a valid choice. That choice is not one of the available choices."))

    def validate_secretariat(self, secretariat):
        from workflows.permissions import can_create_for

        if not can_create_for(self.context["request"].user, secretariat):
            self._refuse()
        return secretariat

    def validate_channels(self, channels):
        if any(not channel.active for channel in channels):
            self._refuse()
        return channels

    def validate_audiences(self, audiences):
        if any(not audience.active for audience in audiences):
            self._refuse()
        return audiences

    def validate(self, data):
        from django.utils import timezone

        from plans.selectors import actions_open_for

        action = data.get("plan_action")
        if action is not None and not actions_open_for(
                data["secretariat"], data.get("desired_date") or timezone.localdate()).filter(
                    pk=action.pk).exists():
            raise serializers.ValidationError({"plan_action": [
                _("Select a valid choice. That choice is not one of the available choices.")]})
        return data


class EmptySerializer(serializers.Serializer):
    """No input."""


class CommentInputSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class AssignSerializer(serializers.Serializer):
    assignee = serializers.SlugRelatedField(
        slug_field="username", required=False, allow_null=True,
        queryset=ContentRequest._meta.get_field("assignee").related_model.objects.all(),
        help_text="Username of the editor (default: yourself).")


class QuestionSerializer(serializers.Serializer):
    question = serializers.CharField()


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField()


class RejectSerializer(serializers.Serializer):
    reason = serializers.SlugRelatedField(slug_field="code",
                                          queryset=RejectionReason.objects.filter(active=True))
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ScheduleItemSerializer(serializers.Serializer):
    publication = serializers.IntegerField(min_value=0, max_value=MAX_ID)
    scheduled_at = DateTimeField()


class ScheduleSerializer(serializers.Serializer):
    when = ScheduleItemSerializer(many=True, required=False, default=list,
                                  help_text="Date and time per publication of the request.")


class PublishSerializer(serializers.Serializer):
    urls = serializers.DictField(child=serializers.URLField(max_length=500), required=False,
                                 default=dict, help_text="Publication id → published URL.")
    reasons = serializers.DictField(
        child=serializers.ChoiceField(choices=OfflineReason.choices), required=False,
        default=dict, help_text="Publication id → why it is not online (printed, radio), for "
                                "channels without an address. Every channel needs one or the "
                                "other.")


class RateSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class CommentSerializer(serializers.Serializer):
    body = serializers.CharField()
    internal = serializers.BooleanField(default=False)


class TextInputSerializer(serializers.Serializer):
    channel = serializers.SlugField(help_text="Code of one of the request's channels.")
    title = serializers.CharField(max_length=200)
    body = serializers.CharField()
    excerpt = serializers.CharField(required=False, allow_blank=True, default="")
    attachments = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False,
        help_text="Ids of the request's files that go with this channel (every id: all the "
                  "files, also those attached later). Left out: the channel's choice stays "
                  "(all the files for a new text). An id of another request's file is "
                  "refused and nothing is written.")
    version = serializers.IntegerField(
        required=False, min_value=0,
        help_text="The version of the channel's text you edited (publications[].version; 0 "
                  "when it had none). If someone saved it since, the answer is 409 and "
                  "nothing is written. Left out: the text is overwritten.")


class DecideSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Decision.Outcome.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.SlugRelatedField(
        slug_field="code", required=False, allow_null=True,
        queryset=RejectionReason.objects.filter(active=True),
        help_text=_("Reason code, when rejecting."))
