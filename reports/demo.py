"""Demo: link the demo plan's KPI targets (fixtures/plan.json) to computed indicators."""

# KPI target code → (indicator code, secretariat acronym, channel code)
LINKS = {"K1": ("publications_by_channel", None, "portal"),
         "K2": ("plan_actions_covered", None, None),
         "K3": ("requests_published", "SMS", None),
         "K4": ("lead_time_median", None, None),
         "K5": ("sla_compliance", None, None),
         "K6": ("satisfaction_mean", None, None)}
# K7 (civil-defence alerts within one hour) has no computed indicator: shown "not measured".


def seed_target_links(out) -> None:
    from org.models import Secretariat
    from plans.models import Channel, KPITarget
    from reports.models import TargetLink

    count = 0
    for target in KPITarget.objects.filter(code__in=LINKS, indicator_link__isnull=True):
        code, acronym, channel = LINKS[target.code]
        TargetLink.objects.create(
            target=target, indicator=code,
            secretariat=Secretariat.objects.filter(acronym=acronym).first() if acronym else None,
            channel=Channel.objects.filter(code=channel).first() if channel else None)
        count += 1
    out(f"{count} KPI targets linked to indicators")
