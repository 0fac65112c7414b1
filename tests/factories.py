from __future__ import annotations

import factory

from pat.core.models import Department, Office, Role, User
from pat.projects.models import Project, ProjectType


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"co-{n}")
    name = factory.Sequence(lambda n: f"Office {n}")
    kind = "country"
    country = "NG"
    region = "WCA"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"dept-{n}")
    name = factory.Sequence(lambda n: f"Department {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            obj.save()


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    user = factory.SubFactory(UserFactory)
    office = factory.SubFactory(OfficeFactory)
    kind = "developer"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    code = factory.Sequence(lambda n: f"CT.{n % 10000:04d}")
    title = factory.Sequence(lambda n: f"Protecting migrant women, phase {n}")
    executing_office = factory.SubFactory(OfficeFactory)
    region = factory.LazyAttribute(lambda p: p.executing_office.region)
    project_type = factory.LazyFunction(lambda: ProjectType.objects.get(code="counter-trafficking"))
    summary = "Services for people on the move, with data by sex and age."
    search_document = factory.LazyAttribute(lambda p: f"{p.code}\n{p.title}\n{p.summary}")
