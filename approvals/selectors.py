"""Reads on approvals: which policies apply to a request, which steps wait for whom."""

from datetime import datetime, time

from django.db.models import Q, QuerySet
from django.utils import timezone

from approvals.models import ApprovalPolicy, ApprovalStep, PolicyStep, PolicyTarget, StepStatus


def in_blackout(request) -> bool:
    """Whether the request's publication date falls in an electoral blackout window."""
    from django.apps import apps

    if not apps.is_installed("calendars"):  # the approval engine works without a calendar
        return False
    from calendars.selectors import is_in_blackout

    moments = [p.scheduled_at for p in request.publications.all() if p.scheduled_at]
    if request.desired_date:  # a date: its middle, in the installation's zone
        moments.append(timezone.make_aware(datetime.combine(request.desired_date, time(12))))
    return any(is_in_blackout(moment) for moment in moments)


def policies_for(request) -> list[ApprovalPolicy]:
    channel_ids = set(request.channels.values_list("pk", flat=True))
    blackout = in_blackout(request)
    matched = []
    for policy in ApprovalPolicy.objects.filter(
            active=True, applies_to=PolicyTarget.REQUEST).prefetch_related("channels"):
        if policy.kinds and request.kind not in policy.kinds:
            continue
        policy_channels = {c.pk for c in policy.channels.all()}
        if policy_channels and not policy_channels & channel_ids:
            continue
        conditions = []
        if policy.only_in_blackout:
            conditions.append(blackout)
        if policy.only_when_sensitive:
            conditions.append(request.sensitive)
        if conditions and not (any(conditions) if policy.either_condition else all(conditions)):
            continue
        matched.append(policy)
    return matched


def policy_steps_for(request) -> list[PolicyStep]:
    policies = policies_for(request)
    return list(PolicyStep.objects.filter(policy__in=policies).select_related("group")
                .order_by("stage", "policy__name", "pk"))


def current_steps(request) -> QuerySet:
    return ApprovalStep.objects.filter(request=request, review_round=request.review_round)


def steps_waiting_for(user) -> QuerySet:
    """Pending steps the user may decide (group members or the requesting secretariat)."""
    from org.permissions import secretariat_ids_for_action
    from workflows.permissions import DECIDE, DECIDE_LEGAL

    if not user.is_authenticated:
        return ApprovalStep.objects.none()
    scope = Q(approvers=PolicyStep.Approvers.SECRETARIAT,
              request__secretariat_id__in=secretariat_ids_for_action(user))
    group_ids = list(user.groups.values_list("pk", flat=True))
    if user.has_perm(DECIDE):
        scope |= Q(approvers=PolicyStep.Approvers.GROUP, legal=False, group_id__in=group_ids)
    if user.has_perm(DECIDE_LEGAL):
        scope |= Q(approvers=PolicyStep.Approvers.GROUP, legal=True, group_id__in=group_ids)
    return (ApprovalStep.objects.filter(scope, status=StepStatus.PENDING,
                                        request__state="in_review")
            .exclude(decisions__decided_by=user))


def deciders_of(step) -> QuerySet:
    """Everyone who can decide a step (for notifications and the 'all' quorum)."""
    from org.models import User

    secretariat = step.target.secretariat
    if step.approvers == PolicyStep.Approvers.SECRETARIAT:
        return User.objects.filter(is_active=True,
                                   memberships__secretariat=secretariat).distinct()
    if step.approvers == PolicyStep.Approvers.SECRETARIAT_HEAD:
        return heads_of(secretariat)
    return User.objects.filter(is_active=True, groups=step.group_id).distinct()


def heads_of(secretariat) -> QuerySet:
    """The heads of a secretariat, or of the nearest node above it that has one."""
    from org.models import Membership, User

    for node in [secretariat, *secretariat.ancestors()]:
        heads = User.objects.filter(is_active=True, memberships__secretariat=node,
                                    memberships__role=Membership.Role.HEAD).distinct()
        if heads.exists():
            return heads
    return User.objects.none()


def policies_for_campaign(campaign) -> list[ApprovalPolicy]:
    """Campaign policies whose conditions (channels, blackout, paid media) match."""
    channel_ids = set(campaign.channels.values_list("pk", flat=True))
    blackout = campaign_in_blackout(campaign)
    matched = []
    for policy in ApprovalPolicy.objects.filter(
            active=True, applies_to=PolicyTarget.CAMPAIGN).prefetch_related("channels"):
        policy_channels = {c.pk for c in policy.channels.all()}
        if policy_channels and not policy_channels & channel_ids:
            continue
        conditions = []
        if policy.only_in_blackout:
            conditions.append(blackout)
        if policy.only_with_paid_media:
            conditions.append(campaign.uses_paid_media)
        if policy.only_when_sensitive:
            conditions.append(False)  # campaigns carry no sensitive flag of their own
        if conditions and not (any(conditions) if policy.either_condition else all(conditions)):
            continue
        matched.append(policy)
    return matched


def policy_steps_for_campaign(campaign) -> list[PolicyStep]:
    return list(PolicyStep.objects.filter(policy__in=policies_for_campaign(campaign))
                .select_related("group").order_by("stage", "policy__name", "pk"))


def campaign_in_blackout(campaign) -> bool:
    """Whether the campaign's period overlaps an electoral blackout window."""
    from datetime import timedelta

    from django.apps import apps

    if not apps.is_installed("calendars"):
        return False
    from calendars.models import Event, EventKind
    from calendars.selectors import _effective, occurrences

    start = timezone.make_aware(datetime.combine(campaign.start, time.min))
    end = timezone.make_aware(datetime.combine(campaign.end + timedelta(days=1), time.min))
    windows = _effective(Event.objects.filter(kind=EventKind.BLACKOUT, starts_at__lt=end))
    return any(occurrences(window, start, end) for window in windows)
