"""Factories for organization data."""

import factory
from django.contrib.auth.models import Group

from org.models import Secretariat, User
from org.roles import ROLE_BY_KEY
from org.services import membership_save


class SecretariatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Secretariat
        django_get_or_create = ("acronym",)

    name = factory.Sequence(lambda n: f"Secretaria Municipal {n}")
    acronym = factory.Sequence(lambda n: f"SEC{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pessoa{n}")
    first_name = factory.Faker("first_name", locale="pt_BR")
    last_name = factory.Faker("last_name", locale="pt_BR")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.br")
    password = factory.django.Password("senha-de-teste")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """``UserFactory(roles=["editor"])`` adds the role groups."""
        for key in extracted or ():
            group, _ = Group.objects.get_or_create(name=ROLE_BY_KEY[key].group)
            self.groups.add(group)

    @factory.post_generation
    def secretariats(self, create, extracted, **kwargs):
        """``UserFactory(secretariats=[sec])`` makes the person a member of each."""
        for secretariat in extracted or ():
            membership_save(user=self, secretariat=secretariat)
