"""Content requests over JSON: list, detail, create and one endpoint per lifecycle action.

Each action calls the same service as the UI; permissions come from workflows.permissions.
"""

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
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
from workflows.forms import RequestFilter, RequestForm
from workflows.models import ContentRequest
from workflows.views import ACTION_CHECKS


def available_actions(user, request) -> list[str]:
    """The names of what ``user`` may do on ``request`` now, as the request page shows them."""
    return [name for name, check in ACTION_CHECKS.items() if check(user, request)]


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


def lifecycle(name, serializer_class, call, summary):
    """An endpoint POST /requests/{id}/<name>/ that validates input and calls ``call``."""

    def endpoint(self, request, pk=None):
        obj = self.visible_object(pk)
        data = _check(serializer_class, request.data)
        with transaction.atomic():
            call(obj, request.user, data)
        return _detail(request, obj.pk)

    endpoint.__name__ = endpoint.__qualname__ = name  # DRF routes an action by its name
    endpoint = action(detail=True, methods=["post"], url_path=name.replace("_", "-"),
                      url_name=name)(endpoint)
    return extend_schema(request=serializer_class, responses=s.RequestDetailSerializer,
                         summary=summary, operation_id=f"requests_{name}")(endpoint)


def _schedule(r, u, d):
    when = {item["publication"]: item["scheduled_at"] for item in d["when"]}
    if set(when) - set(r.publications.values_list("pk", flat=True)):
        raise exceptions.ValidationError(
            {"when": [_("This publication does not belong to the request.")]})
    return services.request_schedule(request=r, by=u, when=when)


def _publish(r, u, d):
    urls = {}
    for key, url in d["urls"].items():
        if not str(key).isdigit():
            raise exceptions.ValidationError({"urls": [_("Use publication ids as keys.")]})
        urls[int(key)] = url
    return services.request_publish(request=r, by=u, urls=urls)


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
        data = _check(s.RequestCreateSerializer, request.data)
        form = RequestForm(data={"priority": data.get("priority", "normal"), **request.data},
                           user=request.user)
        if not form.is_valid():
            raise exceptions.ValidationError({
                name: [e["message"] for e in errors]
                for name, errors in form.errors.get_json_data().items()})
        with transaction.atomic():
            created = services.request_create(by=request.user, **form.cleaned_data)
            if data.get("submit"):
                services.request_submit(request=created, by=request.user)
        response = _detail(request, created.pk)
        response.status_code = status.HTTP_201_CREATED
        return response

    submit = lifecycle("submit", s.EmptySerializer,
                       lambda r, u, d: services.request_submit(request=r, by=u), "Submit")
    accept = lifecycle("accept", s.AssignSerializer, lambda r, u, d: services.request_accept(
        request=r, by=u, assignee=d.get("assignee")), "Accept into production")
    assign = lifecycle("assign", s.AssignSerializer, lambda r, u, d: services.request_assign(
        request=r, by=u, assignee=d.get("assignee") or u), "Assign an editor")
    return_for_info = lifecycle(
        "return_for_info", s.QuestionSerializer, lambda r, u, d:
        services.request_return_for_info(request=r, by=u, question=d["question"]),
        "Ask the requester for information")
    answer_info = lifecycle(
        "answer_info", s.AnswerSerializer, lambda r, u, d:
        services.request_answer_info(request=r, by=u, answer=d["answer"]), "Answer")
    reject = lifecycle("reject", s.RejectSerializer, lambda r, u, d:
                       services.request_reject_at_triage(request=r, by=u, reason=d["reason"].code,
                                                         comment=d["comment"]),
                       "Reject at triage")
    withdraw = lifecycle("withdraw", s.CommentInputSerializer, lambda r, u, d:
                         services.request_withdraw(request=r, by=u, comment=d["comment"]),
                         "Withdraw")
    send_to_review = lifecycle("send_to_review", s.EmptySerializer, lambda r, u, d:
                               services.request_send_to_review(request=r, by=u),
                               "Send for approval")
    schedule = lifecycle("schedule", s.ScheduleSerializer, _schedule, "Schedule")
    publish = lifecycle("publish", s.PublishSerializer, _publish, "Record the publication")
    archive = lifecycle("archive", s.EmptySerializer,
                        lambda r, u, d: services.request_archive(request=r, by=u), "Archive")
    rate = lifecycle("rate", s.RateSerializer, lambda r, u, d: services.request_rate(
        request=r, by=u, rating=d["rating"], comment=d["comment"]), "Rate the service")
    comment = lifecycle("comment", s.CommentSerializer, lambda r, u, d: services.comment_add(
        request=r, by=u, body=d["body"], internal=d["internal"]), "Comment")

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
        services.publication_save(request=obj, by=request.user, channel=channel, **data)
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


