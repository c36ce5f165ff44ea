"""Factories for content requests."""

import factory

from org.tests.factories import SecretariatFactory, UserFactory
from plans.models import Channel
from workflows.models import ContentRequest, Publication


class ContentRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContentRequest

    secretariat = factory.SubFactory(SecretariatFactory)
    requester = factory.SubFactory(UserFactory)
    kind = "news"
    title = factory.Sequence(lambda n: f"Campanha de vacinação {n}")
    brief = "Divulgar a campanha de vacinação contra a gripe nas unidades de saúde."


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    request = factory.SubFactory(ContentRequestFactory)
    channel = factory.Iterator(Channel.objects.all())
    title = factory.LazyAttribute(lambda p: p.request.title)
    body = "Texto final aprovado."
