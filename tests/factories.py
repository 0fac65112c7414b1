from __future__ import annotations

from typing import Any

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


# --- the results matrix, written as the pages write it: through its one write ------------------


def result_add(*, project: Any, actor: Any, parent: Any, statement: str) -> Any:
    from pat.projects import matrix

    project.refresh_from_db()
    edit = matrix.MatrixEdit(
        action="add-child" if parent is not None else "add-outcome",
        target=parent.pk if parent is not None else None,
        statement=statement,
    )
    return matrix.save(project=project, actor=actor, expected_version=project.version, edit=edit)


def indicator_add(
    *, result: Any, actor: Any, fields: dict[str, Any], targets: dict[Any, Any] | None = None
) -> Any:
    from pat.projects import matrix

    project = result.project
    project.refresh_from_db()
    edit = matrix.MatrixEdit(
        action="add-indicator",
        target=result.pk,
        indicator=matrix.IndicatorEdit(fields=dict(fields), targets=targets or {}),
    )
    return matrix.save(project=project, actor=actor, expected_version=project.version, edit=edit)


def result_remove(*, node: Any, actor: Any) -> None:
    from pat.projects import matrix

    project = node.project
    project.refresh_from_db()
    edit = matrix.MatrixEdit(action="remove", target=node.pk)
    matrix.save(project=project, actor=actor, expected_version=project.version, edit=edit)
