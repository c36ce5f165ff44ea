"""The press inquiry as an approvable object of the approvals engine (registered in ready()).

Policies for inquiries are the ``inquiry`` target; they match on ``sensitive`` (legal review
for sensitive themes). Inquiries have no channel, kind, blackout or paid media.
"""

from django.urls import reverse

from approvals.approvable import Approvable, Facts, concluding


def facts(inquiry) -> Facts:
    return Facts(sensitive=inquiry.sensitive, blackout=False, paid_media=None)


def _move(inquiry, *, by, verb: str, args, payload) -> None:
    from press.services import conclude_move

    conclude_move(inquiry, by=by, verb=verb, args=args, payload=payload)


def approvable() -> Approvable:
    from press.models import Inquiry

    return Approvable(model=Inquiry, step_field="inquiry", policy_target="inquiry",
                      deciding_state="in_approval", facts=facts, conclude=concluding(_move),
                      verbs={"decide": "inquiry_decide", "open_stage": "inquiry_open_stage"},
                      decide_url=lambda step: reverse("press:decide",
                                                      args=[step.inquiry_id, step.pk]))
