"""The audit app's own verb: someone exported the audit trail (who read what, and how)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from audit.registry import Verb, actor_name, register

USER_KIND = "org.user"


def _export_sentence(event) -> str:
    rows = int(event.payload.get("rows") or 0)
    if event.payload.get("format") == "xlsx":
        text = ngettext("%(actor)s exported %(rows)s audit event to XLSX.",
                        "%(actor)s exported %(rows)s audit events to XLSX.", rows)
    else:
        text = ngettext("%(actor)s exported %(rows)s audit event to CSV.",
                        "%(actor)s exported %(rows)s audit events to CSV.", rows)
    return text % {"actor": actor_name(event), "rows": rows}


def register_verbs() -> None:
    register(Verb("audit_trail_export", _("Export the audit trail"), _export_sentence,
                  subject_kind=USER_KIND))
