"""The role groups of Pauta and the model permissions each one carries.

Roles are Django groups. This table is the one place that says which model
permissions a role has; a data migration creates the groups and, after every
``migrate``, permissions of apps added later are attached too. Scope ("own
secretariats") is not here: it is object permissions, see ``org.permissions``.
"""

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    key: str
    group: str  # stable Group.name, never translated
    label: str
    description: str
    permissions: tuple[str, ...]


# The Communication Plan: the team reads it, the manager drafts it, the approver decides.
_PLANS_VIEW = ("plans.view_plan", "plans.view_objective", "plans.view_planaction",
               "plans.view_kpitarget", "plans.view_planrevision")
_PLANS_EDIT = ("plans.add_plan", "plans.change_plan", "plans.add_objective",
               "plans.change_objective", "plans.delete_objective", "plans.add_planaction",
               "plans.change_planaction", "plans.delete_planaction", "plans.add_kpitarget",
               "plans.change_kpitarget", "plans.delete_kpitarget",
               # the shared catalogue of channels and audiences (plans/views_catalogue.py)
               "plans.add_channel", "plans.change_channel", "plans.delete_channel",
               "plans.add_audience", "plans.change_audience", "plans.delete_audience")

# The calendar: editors manage events; the team sees every secretariat's internal events.
_CALENDAR_VIEW = ("calendars.view_event", "calendars.view_all_events")
_CALENDAR_EDIT = ("calendars.add_event", "calendars.change_event", "calendars.delete_event")

# Staff ideas: the communication team triages them (everyone signed in proposes and supports).
_IDEAS = ("ideas.triage_idea",)
# Clipping: the team and the readers of reports see clips; the analyst triages (clipping/).
_CLIPS = ("clipping.view_clip",)

# Surveys: the team and the manager build them, the head of communication approves them.
_SURVEYS_VIEW = ("surveys.view_survey",)
_SURVEYS_EDIT = ("surveys.add_survey", "surveys.change_survey", "surveys.view_survey")
# The media bank (media/): the team files and tags, keeps consents; others read the library.
_MEDIA_VIEW = ("media.view_asset",)
_MEDIA_EDIT = ("media.add_asset", "media.change_asset", "media.manage_consent",
               "media.view_consent_report")

# The team's absences (org.views_absences): the head of communication and the manager record
# anyone's; an editor records their own (org.permissions.can_record_absence).
MANAGE_ABSENCES = "org.manage_absences"

# KPIs of every secretariat (dashboard, exports); requesters see their own (reports.permissions).
_KPIS = ("reports.view_kpis",)

# The press desk: inquiries are read by the head of communication, managers and auditors;
# media contacts (personal data) only by press officers and auditors.
_PRESS_READ = ("press.view_inquiry",)
# Media outlets are one list for the press desk and clipping (press.Outlet): press officers and
# clipping analysts read, add and edit them (no personal data in an outlet).
_OUTLETS_EDIT = ("press.view_outlet", "press.add_outlet", "press.change_outlet")

ROLES = (
    Role("requester", "Requester", _("Requester"),
         _("Files content and campaign requests for their own secretariats."),
         ("workflows.view_contentrequestprocess",)),
    Role("editor", "Editor", _("Editor"),
         _("Triages, drafts, checks, schedules and publishes content."),
         ("org.view_secretariat", "workflows.view_all_requests", "workflows.work_on_request",
          "workflows.view_contentrequest", "workflows.view_contentrequestprocess",
          *_PLANS_VIEW, *_CALENDAR_VIEW, *_CALENDAR_EDIT, *_IDEAS, *_CLIPS, *_SURVEYS_EDIT,
          *_MEDIA_VIEW, *_MEDIA_EDIT)),
    Role("approver", "Approver", _("Approver"),
         _("Approves or rejects content and campaigns; overrides warnings."),
         ("org.view_secretariat", "workflows.view_all_requests", "workflows.decide_request",
          "workflows.view_contentrequestprocess", *_PLANS_VIEW, "plans.approve_plan",
          MANAGE_ABSENCES,
          *_CALENDAR_VIEW, *_KPIS, *_IDEAS, *_CLIPS, *_PRESS_READ,
          *_SURVEYS_VIEW, *_MEDIA_VIEW)),
    Role("legal_reviewer", "Legal reviewer", _("Legal reviewer"),
         _("Reviews items that the policy routes to legal."),
         ("org.view_secretariat", "workflows.decide_legal",
          "workflows.view_contentrequestprocess", *_PLANS_VIEW, *_CALENDAR_VIEW,
          *_MEDIA_VIEW)),
    Role("manager", "Manager", _("Manager"),
         _("Owns the Communication Plan, reads dashboards and exports KPIs."),
         ("org.view_secretariat", "workflows.view_all_requests", MANAGE_ABSENCES,
          *_PLANS_VIEW, *_PLANS_EDIT, *_CALENDAR_VIEW, *_KPIS, *_CLIPS, *_PRESS_READ,
          *_SURVEYS_EDIT, *_MEDIA_VIEW)),
    Role("auditor", "Auditor", _("Auditor"),
         _("Reads everything, including the audit trail."),
         ("org.view_secretariat", "org.view_membership", "org.view_user",
          "workflows.view_all_requests", "audit.view_auditevent", "approvals.view_decision",
          *_PLANS_VIEW, *_CALENDAR_VIEW, *_KPIS, *_CLIPS, *_PRESS_READ,
          "press.view_journalist", *_SURVEYS_VIEW, *_MEDIA_VIEW,
          "media.view_consent_report")),
    Role("clipping_analyst", "Clipping analyst", _("Clipping analyst"),
         _("Triages clips, sets their tone and links, and sends the daily clipping."),
         (*_CLIPS, "clipping.triage_clip", "org.view_secretariat", *_OUTLETS_EDIT)),
    Role("press_officer", "Press officer", _("Press officer"),
         _("Answers journalists' inquiries against their deadlines and keeps media contacts."),
         ("org.view_secretariat", "press.work_on_press", *_PRESS_READ, "press.view_journalist",
          *_OUTLETS_EDIT)),
)
ROLE_BY_KEY = {role.key: role for role in ROLES}


def sync_roles(apps=global_apps):
    """Create the role groups and add the permissions of the table (never removes any)."""
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    wanted = {tuple(dotted.split(".", 1)) for role in ROLES for dotted in role.permissions}
    # One query for every permission of the table (an app may not be migrated yet: its
    # permissions are missing and are added by a later ``migrate``).
    found = {}
    rows = permission_model.objects.filter(
        content_type__app_label__in={app for app, _codename in wanted},
        codename__in={codename for _app, codename in wanted},
    ).order_by("content_type__app_label", "content_type__model", "codename", "pk")
    for app_label, codename, pk in rows.values_list("content_type__app_label", "codename", "pk"):
        found.setdefault((app_label, codename), pk)
    for role in ROLES:
        group, _created = group_model.objects.get_or_create(name=role.group)
        perms = [found[key] for key in (tuple(d.split(".", 1)) for d in role.permissions)
                 if key in found]
        group.permissions.add(*perms)


def _last_migrated_app(app_configs) -> str:
    """The label of the app whose post_migrate comes last (the order of
    ``emit_post_migrate_signal``: the installed apps that have models)."""
    return [config.label for config in app_configs if config.models_module is not None][-1]


def sync_roles_after_migrate(sender, **kwargs):
    """After every ``migrate`` (and flush), once: on the post_migrate of the last app, when
    every app's permissions have been created (Django sends the signal once per app, and
    each app's permissions are created by its own signal)."""
    if kwargs.get("plan") is not None and not kwargs["plan"]:
        return  # nothing was migrated
    if sender.label != _last_migrated_app(global_apps.get_app_configs()):
        return
    sync_roles(kwargs.get("apps") or global_apps)


# Permission codenames the apps ask about (``<app>.permissions``); named once, here.
VIEW_ALL_REQUESTS = "workflows.view_all_requests"
WORK_ON_REQUESTS = "workflows.work_on_request"
DECIDE = "workflows.decide_request"
DECIDE_LEGAL = "workflows.decide_legal"
VIEW_AUDIT_TRAIL = "audit.view_auditevent"  # the audit trail page and its exports (auditors)
TRIAGE_IDEAS = "ideas.triage_idea"
VIEW_CLIPS = "clipping.view_clip"
TRIAGE_CLIPS = "clipping.triage_clip"
PRESS_OFFICER = "press.work_on_press"
VIEW_INQUIRIES = "press.view_inquiry"
VIEW_CONTACTS = "press.view_journalist"
VIEW_OUTLETS = "press.view_outlet"
ADD_OUTLETS = "press.add_outlet"
CHANGE_OUTLETS = "press.change_outlet"
