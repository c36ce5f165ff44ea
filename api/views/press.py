"""Read-only endpoints of the press desk: inquiries and media outlets, for the people with a
press permission (press officers and the readers of every inquiry, ``press.permissions``);
anyone else gets 403 (the outlets are read by clipping analysts too: one list of outlets).
Secretariats answer their inquiries in the UI."""

import django_filters
from rest_framework import exceptions

from api.fields import IdFilter, MomentFilter
from api.serializers import press
from api.views.base import ReadOnlyViewSet
from press import permissions as press_perms
from press.models import Inquiry, InquiryKind, InquiryState, Outlet, OutletType, Reach


def _require_press(user):
    if not (press_perms.can_see_press_desk(user) or press_perms.can_view_contacts(user)):
        raise exceptions.PermissionDenied()


class InquiryFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=InquiryState.choices)
    kind = django_filters.ChoiceFilter(choices=InquiryKind.choices)
    secretariat = IdFilter(field_name="secretariat_id")
    outlet = IdFilter(field_name="outlet_id")
    deadline_after = MomentFilter(field_name="deadline", lookup_expr="gte")
    deadline_before = MomentFilter(field_name="deadline", lookup_expr="lt")

    class Meta:
        model = Inquiry
        fields = []


class InquiryViewSet(ReadOnlyViewSet):
    """Journalists' inquiries, the nearest deadline first (the desk's inbox order)."""

    queryset = Inquiry.objects.all()
    serializer_class = press.InquirySerializer
    filterset_class = InquiryFilter

    def visible(self, user):
        _require_press(user)
        return (press_perms.visible_inquiries(user)
                .select_related("secretariat", "outlet", "spokesperson")
                .order_by("deadline", "pk"))


class OutletFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(choices=OutletType.choices)
    reach = django_filters.ChoiceFilter(choices=Reach.choices)
    active = django_filters.BooleanFilter()

    class Meta:
        model = Outlet
        fields = []


class OutletViewSet(ReadOnlyViewSet):
    """Media outlets of the desk's contacts (no personal data)."""

    queryset = Outlet.objects.all()
    serializer_class = press.OutletSerializer
    filterset_class = OutletFilter

    def visible(self, user):
        if not press_perms.can_view_outlets(user):  # the clipping analyst too: one list
            _require_press(user)
        return Outlet.objects.order_by("name", "pk")
