"""Read-only endpoints: decisions, publications, calendar events, plans and plan actions.

Each lists exactly what the app's permissions module lets the person see in the UI.
"""

import django_filters
from django.db.models import Q
from rest_framework import exceptions

from api.fields import IdFilter, MomentFilter
from api.serializers import reads, requests
from api.views.base import ReadOnlyViewSet
from approvals.models import Decision
from calendars import permissions as calendar_perms
from calendars.models import Event, EventKind
from plans import permissions as plan_perms
from plans.models import Plan, PlanAction
from workflows import permissions as request_perms
from workflows.models import Publication


class DecisionFilter(django_filters.FilterSet):
    request = IdFilter(field_name="step__request_id")
    outcome = django_filters.ChoiceFilter(choices=Decision.Outcome.choices)

    class Meta:
        model = Decision
        fields = []


class DecisionViewSet(ReadOnlyViewSet):
    """Approval decisions on the requests the person may see."""

    queryset = Decision.objects.all()
    serializer_class = requests.DecisionSerializer
    filterset_class = DecisionFilter

    def visible(self, user):
        return (Decision.objects.filter(
            step__request__in=request_perms.visible_requests(user).values("pk"))
            .select_related("decided_by", "reason", "step").order_by("-created_at", "-pk"))


class PublicationFilter(django_filters.FilterSet):
    request = IdFilter(field_name="request_id")
    channel = django_filters.CharFilter(field_name="channel__code")
    published = django_filters.BooleanFilter(field_name="published_at", lookup_expr="isnull",
                                             exclude=True)
    scheduled_after = MomentFilter(field_name="scheduled_at", lookup_expr="gte")
    scheduled_before = MomentFilter(field_name="scheduled_at", lookup_expr="lt")

    class Meta:
        model = Publication
        fields = []


class PublicationViewSet(ReadOnlyViewSet):
    """The final texts per channel, their schedule and publication, of visible requests."""

    queryset = Publication.objects.all()
    serializer_class = requests.PublicationSerializer
    filterset_class = PublicationFilter

    def visible(self, user):
        return (Publication.objects.filter(
            request__in=request_perms.visible_requests(user).values("pk"))
            .select_related("channel").order_by("-pk"))


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=EventKind.choices)
    secretariat = IdFilter(field_name="secretariat_id")
    start = MomentFilter(method="ending_after", label="Events that end after this moment")
    end = MomentFilter(method="starting_before", label="Events that start before this moment")

    class Meta:
        model = Event
        fields = []

    def ending_after(self, queryset, name, value):
        return queryset.filter(Q(ends_at__gt=value) | ~Q(rrule=""))

    def starting_before(self, queryset, name, value):
        return queryset.filter(starts_at__lt=value)


class EventViewSet(ReadOnlyViewSet):
    """Calendar events the person may see (recurring ones once, with their RRULE)."""

    queryset = Event.objects.all()
    serializer_class = reads.EventSerializer
    filterset_class = EventFilter

    def visible(self, user):
        return calendar_perms.visible_events(user).select_related("secretariat").order_by(
            "starts_at", "pk")


def _require_plans(user):
    if not plan_perms.can_view_plans(user):
        raise exceptions.PermissionDenied()


class PlanViewSet(ReadOnlyViewSet):
    """Communication Plans, with objectives and KPI targets in the detail."""

    queryset = Plan.objects.all()
    serializer_class = reads.PlanSerializer

    def get_serializer_class(self):
        return reads.PlanDetailSerializer if self.action == "retrieve" else reads.PlanSerializer

    def visible(self, user):
        _require_plans(user)
        return Plan.objects.prefetch_related("objectives", "kpi_targets__objective").order_by(
            "-year")


class PlanActionFilter(django_filters.FilterSet):
    plan = IdFilter(field_name="plan_id")
    year = IdFilter(field_name="plan__year")
    owner = IdFilter(field_name="owner_id")

    class Meta:
        model = PlanAction
        fields = []


class PlanActionViewSet(ReadOnlyViewSet):
    """Actions of the plans, with their owner secretariat, channels and audiences."""

    queryset = PlanAction.objects.all()
    serializer_class = reads.PlanActionSerializer
    filterset_class = PlanActionFilter

    def visible(self, user):
        _require_plans(user)
        return (PlanAction.objects.select_related("objective", "owner")
                .prefetch_related("channels", "audiences").order_by("plan", "code"))
