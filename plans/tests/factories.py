"""Factories for plan data."""

import datetime
from decimal import Decimal

import factory

from org.tests.factories import SecretariatFactory
from plans.models import Audience, Channel, KPITarget, Objective, Plan, PlanAction


class ChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Channel
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"canal-{n}")
    name = factory.LazyAttribute(lambda c: c.code.title())


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"publico-{n}")
    name = factory.LazyAttribute(lambda a: a.code.title())


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    # The sequence runs on across every test of a worker, so the year wraps: years past
    # 2100 are refused by the plan forms (a copy "to the next year" of plan 2100 failed in a
    # long run, passing alone), and 2090-2100 stay free for a test's own "next year".
    year = factory.Sequence(lambda n: 2030 + n % 60)
    title = factory.LazyAttribute(lambda p: f"Plano de Comunicação {p.year}")


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"OE{n}")
    title = factory.Sequence(lambda n: f"Objetivo {n}")


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction
        skip_postgeneration_save = True

    objective = factory.SubFactory(ObjectiveFactory)
    plan = factory.SelfAttribute("objective.plan")
    code = factory.Sequence(lambda n: f"A{n:03d}")
    title = factory.Sequence(lambda n: f"Ação {n}")
    owner = factory.SubFactory(SecretariatFactory)
    start = factory.LazyAttribute(lambda a: datetime.date(a.plan.year, 1, 1))
    end = factory.LazyAttribute(lambda a: datetime.date(a.plan.year, 12, 31))
    planned_pieces = 10
    budget = Decimal("1000.00")

    @factory.post_generation
    def channels(self, create, extracted, **kwargs):
        if extracted:
            self.channels.set(extracted)

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if extracted:
            self.audiences.set(extracted)


class KPITargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KPITarget

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"K{n}")
    indicator = "Publicações no portal"
    start = factory.LazyAttribute(lambda k: datetime.date(k.plan.year, 1, 1))
    end = factory.LazyAttribute(lambda k: datetime.date(k.plan.year, 12, 31))
    target = Decimal("120")
    unit = "peças"


def approve(plan: Plan) -> Plan:
    """Put a plan in the approved state through its transitions (no permission checks)."""
    plan.submit()
    plan.approve(None)
    plan.save()
    return plan
