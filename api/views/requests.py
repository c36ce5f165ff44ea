"""Content requests over JSON: list, detail, create and one endpoint per lifecycle action.

Each action calls the same service as the UI; permissions come from workflows.permissions.
"""

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.fields import SafeModelChoiceFilter, path_id
from api.serializers import requests as s
from api.views.base import LanguageMixin
from approvals.models import ApprovalStep
from approvals.services import step_decide
from org.permissions import visible_secretariats
from plans.models import Channel
from workflows import permissions as perms
from workflows import selectors, services
from workflows.actions import ACTIONS
from workflows.errors import TransitionRefused
from workflows.forms import RequestFilter
from workflows.models import ContentRequest


def available_actions(user, request) -> list[str]:
    """The names of what ``user`` may do on ``request`` now, as the request page shows them."""
    return ACTIONS.available(user, request)


class ApiRequestFilter(RequestFilter):
    """The UI's filters; the secretariat choice is limited to those the person sees."""

    secretariat = SafeModelChoiceFilter(queryset=lambda request: visible_secretariats(request.user))
    channel = SafeModelChoiceFilter(field_name="channels",
                                    queryset=Channel.objects.filter(active=True))


VIEW_PARAMETER = OpenApiParameter(
    "view", OpenApiTypes.STR, enum=list(selectors.VIEWS), required=False,
    description="Inbox tab: mine, queue, secretariat or all (default: all).")


def _check(serializer_class, data):
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _detail(request, pk):
    return Response(s.RequestDetailSerializer(selectors.request_page(pk),
                                              context={"request": request}).data)


def lifecycle(verb: str, adapt=None):
    """An endpoint POST /requests/{id}/<verb>/ from the action registry: validate the input
    with the action's serializer, ``adapt`` it to the action's data, run the action."""
    act = ACTIONS[verb]
    serializer_class = import_string(act.serializer)

    def endpoint(self, request, pk=None):
        obj = self.visible_object(pk)
        data = _check(serializer_class, request.data)
        with transaction.atomic():
            act.run(obj, request.user, adapt(obj, data) if adapt else data)
        return _detail(request, obj.pk)

    endpoint.__name__ = endpoint.__qualname__ = verb  # DRF routes an action by its name
    endpoint = action(detail=True, methods=["post"], url_path=verb.replace("_", "-"),
                      url_name=verb)(endpoint)
    return extend_schema(request=serializer_class, responses=s.RequestDetailSerializer,
                         summary=act.label, operation_id=f"requests_{verb}")(endpoint)


def _schedule(r, d):
    when = {item["publication"]: item["scheduled_at"] for item in d["when"]}
    if set(when) - set(r.publications.values_list("pk", flat=True)):
        raise exceptions.ValidationError(
            {"when": [_("This publication does not belong to the request.")]})
    return {"when": when}


def _publish(r, d):
    found = {"urls": {}, "reasons": {}}
    for name in found:
        for key, value in d.get(name, {}).items():
            if not str(key).isdigit():
                raise exceptions.ValidationError({name: [_("Use publication ids as keys.")]})
            found[name][int(key)] = value
    return found


class RequestViewSet(LanguageMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = ContentRequest.objects.all()
    filterset_class = ApiRequestFilter
    serializer_class = s.RequestListSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ContentRequest.objects.none()
        view = self.request.query_params.get("view") or "all"
        if view not in selectors.VIEWS:
            raise exceptions.ValidationError({"view": [
                _("Choose one of: %(views)s.") % {"views": ", ".join(selectors.VIEWS)}]})
        return selectors.request_list(self.request.user, view)

    def visible_object(self, pk) -> ContentRequest:
        obj = get_object_or_404(ContentRequest.objects.select_related("secretariat"),
                                pk=path_id(pk))
        if not perms.can_view(self.request.user, obj):
            raise Http404  # as the UI: no hint that it exists
        return obj

    @extend_schema(parameters=[VIEW_PARAMETER], summary="Requests the person may see")
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=s.RequestDetailSerializer, summary="One request")
    def retrieve(self, request, pk=None):
        return _detail(request, self.visible_object(pk).pk)

    @extend_schema(request=s.RequestCreateSerializer,
                   responses={201: s.RequestDetailSerializer}, summary="File a request")
    def create(self, request):
        serializer = s.RequestCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        submit = data.pop("submit", False)
        try:
            created = services.request_create(by=request.user, submit=submit, **data)
        except TransitionRefused as refused:
            if not hasattr(refused, "error_dict"):
                raise
            raise exceptions.ValidationError(refused.message_dict) from refused  # field errors
        response = _detail(request, created.pk)
        response.status_code = status.HTTP_201_CREATED
        return response

    @extend_schema(request=s.TextInputSerializer, responses=s.RequestDetailSerializer,
                   summary="Write the final text of one channel", operation_id="requests_text")
    @action(detail=True, methods=["post"], url_path="texts")
    def text(self, request, pk=None):
        obj = self.visible_object(pk)
        data = _check(s.TextInputSerializer, request.data)
        channel = obj.channels.filter(code=data.pop("channel")).first()
        if channel is None:
            raise exceptions.ValidationError({"channel": [
                _("This channel is not one of the request's channels.")]})
        try:
            services.publication_save(request=obj, by=request.user, channel=channel, **data)
        except TransitionRefused as refused:
            if not hasattr(refused, "error_dict"):
                raise
            raise exceptions.ValidationError(refused.message_dict) from refused  # a file id
        return _detail(request, obj.pk)

    @extend_schema(request=s.DecideSerializer, responses=s.RequestDetailSerializer,
                   summary="Decide an approval step", operation_id="requests_decide",
                   parameters=[OpenApiParameter("step_id", OpenApiTypes.INT,
                                                OpenApiParameter.PATH)])
    @action(detail=True, methods=["post"], url_path=r"steps/(?P<step_id>\d+)/decide")
    def decide(self, request, pk=None, step_id=None):
        obj = self.visible_object(pk)
        step = get_object_or_404(ApprovalStep.objects.select_related("request"),
                                 pk=path_id(step_id), request=obj)
        if not perms.can_decide_step(request.user, step):
            raise exceptions.PermissionDenied(_("You are not allowed to do this."))
        data = _check(s.DecideSerializer, request.data)
        step_decide(step=step, by=request.user, outcome=data["outcome"],
                    comment=data["comment"], reason=data.get("reason"))
        return _detail(request, obj.pk)


# One endpoint per action of the registry that declares an API input (``serializer``).
ADAPT = {"schedule": _schedule, "publish": _publish}
for _action in ACTIONS.actions():
    if _action.serializer:
        setattr(RequestViewSet, _action.verb, lifecycle(_action.verb, ADAPT.get(_action.verb)))
