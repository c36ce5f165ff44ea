"""Hidden filters of the request list that the KPI dashboard links to ("the requests behind
this figure"). They are not shown in the filter form; the list says they are active."""

import django_filters
from django import forms
from django.db.models import F

from pauta import inputs

HIDDEN = forms.HiddenInput


class DrillFilters(django_filters.FilterSet):
    submitted_after = inputs.DateFilter(field_name="submitted_at", lookup_expr="date__gte",
                                                widget=HIDDEN)
    submitted_before = inputs.DateFilter(field_name="submitted_at",
                                                 lookup_expr="date__lte", widget=HIDDEN)
    published_after = inputs.DateFilter(field_name="published_at", lookup_expr="date__gte",
                                                widget=HIDDEN)
    published_before = inputs.DateFilter(field_name="published_at",
                                                 lookup_expr="date__lte", widget=HIDDEN)
    states = django_filters.BaseInFilter(field_name="state", widget=HIDDEN)
    sla = django_filters.CharFilter(method="by_sla", widget=HIDDEN)
    rounds = django_filters.CharFilter(method="by_rounds", widget=HIDDEN)
    reason = django_filters.CharFilter(field_name="rejection_reason", widget=HIDDEN)
    rating = inputs.IdFilter(widget=HIDDEN)
    rated = django_filters.CharFilter(method="by_rated", widget=HIDDEN)
    plan = inputs.IdFilter(field_name="plan_action__plan", widget=HIDDEN)
    plan_objective = inputs.IdFilter(field_name="plan_action__objective", widget=HIDDEN)
    plan_action = inputs.IdFilter(widget=HIDDEN)
    assignee = django_filters.CharFilter(method="by_assignee", widget=HIDDEN)
    # The KPI "editor workload per week": the requests given to a person in one week (an
    # Assignment row created in the local week starting on that Monday), whoever has them now.
    assigned_to = inputs.IdFilter(method="by_nothing", widget=HIDDEN)
    assigned_week = inputs.DateFilter(method="by_assigned_week", widget=HIDDEN)
    # Compliance: requests with a kept finding (or an override) of a rule ("any": of any
    # rule), in runs (overrides) between compliance_after and compliance_before.
    compliance_after = inputs.DateFilter(method="by_nothing", widget=HIDDEN)
    compliance_before = inputs.DateFilter(method="by_nothing", widget=HIDDEN)
    compliance_rule = django_filters.CharFilter(method="by_compliance_rule", widget=HIDDEN)
    compliance_override = django_filters.CharFilter(method="by_compliance_override",
                                                    widget=HIDDEN)
    # Campaigns: pieces of campaigns in a state ("any": of any campaign) whose period
    # touches [campaign_after, campaign_before].
    campaign_state = django_filters.CharFilter(method="by_campaign_state", widget=HIDDEN)
    campaign_after = inputs.DateFilter(field_name="campaign__end", lookup_expr="gte",
                                               widget=HIDDEN)
    campaign_before = inputs.DateFilter(field_name="campaign__start", lookup_expr="lte",
                                                widget=HIDDEN)

    DRILL_NAMES = ("submitted_after", "submitted_before", "published_after", "published_before",
                   "states", "sla", "rounds", "reason", "rating", "rated", "plan",
                   "plan_objective", "plan_action", "assignee", "assigned_to",
                   "assigned_week", "compliance_rule",
                   "compliance_override", "campaign_state", "campaign_after", "campaign_before")

    def by_sla(self, queryset, name, value):
        """met: published on or before the due date; missed: after it."""
        queryset = queryset.filter(due_date__isnull=False, published_at__isnull=False)
        if value == "met":
            return queryset.filter(published_at__date__lte=F("due_date"))
        if value == "missed":
            return queryset.filter(published_at__date__gt=F("due_date"))
        return queryset

    def by_rounds(self, queryset, name, value):
        """Review rounds: "2" exactly two, "3+" three or more."""
        number = inputs.to_id(value.rstrip("+"))
        if number is None:
            return queryset
        if value.endswith("+"):
            return queryset.filter(review_round__gte=number)
        return queryset.filter(review_round=number)

    def by_rated(self, queryset, name, value):
        return queryset.filter(rating__isnull=False) if value == "yes" else queryset

    def by_assignee(self, queryset, name, value):
        if value == "any":
            return queryset.filter(assignee__isnull=False)
        person = inputs.to_id(value)
        return queryset.filter(assignee_id=person) if person is not None else queryset

    def by_assigned_week(self, queryset, name, value):
        from datetime import datetime, time, timedelta

        from django.db.models import Exists, OuterRef
        from django.utils import timezone

        from workflows.models import Assignment

        monday = value - timedelta(days=value.weekday())
        low = timezone.make_aware(datetime.combine(monday, time()))
        high = timezone.make_aware(datetime.combine(monday + timedelta(days=7), time()))
        rows = Assignment.objects.filter(request=OuterRef("pk"), created_at__gte=low,
                                         created_at__lt=high)
        person = self.form.cleaned_data.get("assigned_to")
        if person is not None:
            rows = rows.filter(user_id=person)
        return queryset.filter(Exists(rows))

    def by_nothing(self, queryset, name, value):
        return queryset  # read by the compliance filters below

    def _compliance(self, queryset, model, moment: str, value):
        from django.db.models import Exists, OuterRef

        rows = model.objects.filter(request=OuterRef("pk"))
        if value != "any":
            rows = rows.filter(rule=value)
        data = self.form.cleaned_data
        if data.get("compliance_after"):
            rows = rows.filter(**{f"{moment}__date__gte": data["compliance_after"]})
        if data.get("compliance_before"):
            rows = rows.filter(**{f"{moment}__date__lte": data["compliance_before"]})
        return queryset.filter(Exists(rows))

    def by_compliance_rule(self, queryset, name, value):
        from approvals.compliance.models import FindingRecord

        return self._compliance(queryset, FindingRecord, "run__created_at", value)

    def by_compliance_override(self, queryset, name, value):
        from approvals.compliance.models import FindingOverride

        return self._compliance(queryset, FindingOverride, "created_at", value)

    def by_campaign_state(self, queryset, name, value):
        if value == "any":
            return queryset.filter(campaign__isnull=False)
        return queryset.filter(campaign__state=value)

    @property
    def drilled(self) -> bool:
        """True when the list is narrowed by a figure's hidden filters."""
        return any(self.data.get(name) for name in self.DRILL_NAMES) if self.data else False
