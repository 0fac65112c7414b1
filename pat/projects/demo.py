"""Demo projects: realistic, reproducible, and fast enough for 100,000 of them.

Rows are written with bulk_create in batches; the search document is built
here directly (the same text pat.projects.services.search_document gives).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django_countries import countries

from pat.core.models import Country, Office, Revision, User
from pat.projects.models import (
    AgeBand,
    AgeBandSet,
    Donor,
    Indicator,
    IndicatorValue,
    Organization,
    Project,
    ProjectChange,
    ProjectPartner,
    ProjectType,
    ResultNode,
    Status,
    Theme,
    ValueKind,
)

BATCH = 1000

DONORS = [
    ("eu", "European Union", "Union européenne", "Unión Europea"),
    ("usa", "United States of America", "États-Unis d'Amérique", "Estados Unidos de América"),
    ("uk", "United Kingdom", "Royaume-Uni", "Reino Unido"),
    ("de", "Germany", "Allemagne", "Alemania"),
    ("jp", "Japan", "Japon", "Japón"),
    ("se", "Sweden", "Suède", "Suecia"),
    ("no", "Norway", "Norvège", "Noruega"),
    ("ch", "Switzerland", "Suisse", "Suiza"),
    ("nl", "Netherlands", "Pays-Bas", "Países Bajos"),
    ("ca", "Canada", "Canada", "Canadá"),
    ("au", "Australia", "Australie", "Australia"),
    ("cerf", "UN CERF", "CERF des Nations Unies", "CERF de las Naciones Unidas"),
    (
        "mptf",
        "UN Multi-Partner Trust Fund",
        "Fonds d'affectation spéciale pluripartenaires des Nations Unies",
        "Fondo Fiduciario de Asociados Múltiples de las Naciones Unidas",
    ),
    (
        "idf",
        "Development Fund (internal)",
        "Fonds de développement (interne)",
        "Fondo de Desarrollo (interno)",
    ),
]
PARTNERS = [
    ("Ministry of Labour", "government"),
    ("Ministry of Interior", "government"),
    ("Ministry of Health", "government"),
    ("National Statistics Office", "government"),
    ("UNHCR", "un"),
    ("UNICEF", "un"),
    ("UN Women", "un"),
    ("WHO", "un"),
    ("UNFPA", "un"),
    ("Women's Migrant Network", "ngo"),
    ("Red Crescent Society", "ngo"),
    ("Legal Aid Clinic", "ngo"),
    ("University Migration Centre", "academic"),
]
ACTIONS = [
    "Strengthening",
    "Supporting",
    "Improving",
    "Enhancing",
    "Promoting",
    "Expanding",
    "Building capacity for",
    "Protecting",
    "Enabling",
]
TOPICS = {
    "counter-trafficking": [
        "the identification and protection of victims of trafficking",
        "survivor-centred referral of trafficked women and men",
    ],
    "return-reintegration": [
        "sustainable reintegration of returning migrants",
        "community-based reintegration of returnees",
    ],
    "labour-mobility": [
        "fair recruitment of migrant workers",
        "safe labour migration of women domestic workers",
    ],
    "migration-health": [
        "access to health services for migrants",
        "sexual and reproductive health of displaced women and girls",
    ],
    "movement-emergency": [
        "displacement tracking and emergency shelter",
        "camp coordination in displacement sites",
    ],
    "border-management": [
        "humane and gender-sensitive border management",
        "integrated border management",
    ],
    "migrant-assistance": [
        "assistance to stranded migrants",
        "protection of migrants in vulnerable situations",
    ],
    "policy-research": [
        "migration data and evidence for policy",
        "research on women's labour migration",
    ],
    "climate-environment": [
        "resilience of communities facing climate displacement",
        "climate-related mobility in coastal areas",
    ],
    "reparations": ["reparations for victims of conflict", "land and property restitution"],
}
GROUPS = [
    "migrant women",
    "returnees",
    "displaced families",
    "young migrants",
    "migrant workers",
    "host communities",
    "survivors of gender-based violence",
    "women-headed households",
]
SUMMARY = [
    "The project responds to the needs identified with {group} in {country}.",
    "A gender analysis found that women and men face different barriers to {topic}.",
    "Activities are designed with local authorities and civil society partners.",
    "Data are collected by sex and age so results for women, men, girls and boys compare.",
    "The project builds on lessons from earlier phases and on national frameworks.",
    "Community consultations included separate sessions with women and with men.",
]
RATIONALE = [
    "Migration in {country} has grown, and {group} report limited access to services.",
    "Women are over-represented in informal work and under-represented in decision making.",
    "The gender analysis shows that care responsibilities limit women's participation in training.",
    "Men returning after long absences face stigma and unemployment.",
    "National policies recognise the issue but lack resources for implementation.",
]


def ensure_reference_data() -> None:
    for code, name, name_fr, name_es in DONORS:
        donor, _created = Donor.objects.get_or_create(
            code=code, defaults={"name": name, "name_fr": name_fr, "name_es": name_es}
        )
        if not (donor.name_fr and donor.name_es):  # made before donors had translated names
            donor.name_fr, donor.name_es = donor.name_fr or name_fr, donor.name_es or name_es
            donor.save(update_fields=["name_fr", "name_es"])
    for name, kind in PARTNERS:
        Organization.objects.get_or_create(name=name, defaults={"kind": kind})


def _sentences(rng: random.Random, bank: list[str], n: int, **kw: str) -> str:
    return " ".join(s.format(**kw) for s in rng.sample(bank, k=min(n, len(bank))))


def _chunks(it: list[Project], size: int) -> Iterator[list[Project]]:
    for i in range(0, len(it), size):
        yield it[i : i + size]


def build_projects(count: int, *, seed: int = 2000, start_number: int = 1) -> int:
    """Add `count` demo projects with results matrices and SADD targets; returns the number made."""
    ensure_reference_data()
    rng = random.Random(seed + start_number)
    offices = list(Office.objects.exclude(kind="hq"))
    types = {t.code: t for t in ProjectType.objects.all()}
    themes = list(Theme.objects.all())
    donors = list(Donor.objects.all())
    partners = list(Organization.objects.all())
    countries_by_region: dict[str, list[str]] = {}
    for c in Country.objects.all():
        countries_by_region.setdefault(c.region, []).append(c.code)
    band_set = AgeBandSet.objects.get(code="children-adults")
    bands = list(AgeBand.objects.filter(band_set=band_set).order_by("min_age"))
    developers = list(User.objects.filter(roles__kind="developer").distinct())
    statuses = [s for s, _ in Status.choices]
    weights = [4, 8, 3, 3, 2, 30, 5, 25, 4, 2]
    today = timezone.now().date()
    made = 0
    numbers = range(start_number, start_number + count)
    for batch_numbers in (list(numbers[i : i + BATCH]) for i in range(0, count, BATCH)):
        with transaction.atomic():
            made += _build_batch(
                rng,
                batch_numbers,
                offices,
                types,
                themes,
                donors,
                partners,
                countries_by_region,
                band_set,
                bands,
                developers,
                statuses,
                weights,
                today,
            )
    Revision.bump("projects")
    # Fresh statistics after a bulk load, so the query planner knows how many rows a search
    # matches (on PostgreSQL it otherwise sorts 50,000 matches instead of walking an index).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return made


def _build_batch(  # one batch needs all the reference data, fetched once by the caller
    rng: random.Random,
    numbers: list[int],
    offices: list[Office],
    types: dict[str, ProjectType],
    themes: list[Theme],
    donors: list[Donor],
    partners: list[Organization],
    countries_by_region: dict[str, list[str]],
    band_set: AgeBandSet,
    bands: list[AgeBand],
    developers: list[User],
    statuses: list[str],
    weights: list[int],
    today: dt.date,
) -> int:
    projects: list[Project] = []
    extras: list[tuple[list[str], list[Theme], list[Donor], str, str]] = []
    now = timezone.now()
    for number in numbers:
        office = rng.choice(offices)
        type_code = rng.choice(list(types))
        topic = rng.choice(TOPICS[type_code])
        group = rng.choice(GROUPS)
        country_codes = (
            [office.country.code]
            if office.kind == "country"
            else rng.sample(
                countries_by_region.get(office.region, ["CH"]),
                k=min(2, len(countries_by_region.get(office.region, ["CH"]))),
            )
        )
        country_name = str(countries.name(country_codes[0]))
        start = today - dt.timedelta(days=rng.randint(-180, 365 * 6))
        title = f"{rng.choice(ACTIONS)} {topic} in {country_name}"
        summary = _sentences(rng, SUMMARY, 3, group=group, country=country_name, topic=topic)
        rationale = _sentences(rng, RATIONALE, 3, group=group, country=country_name)
        objective = f"To contribute to {topic} for {group} in {country_name}."
        prefix = type_code[:2].upper()
        project = Project(
            code=f"{prefix}.{number % 10000:04d}"
            if number < 10000
            else f"{prefix}{chr(65 + number // 10000 % 26)}.{number % 10000:04d}",
            title=title[:300],
            executing_office=office,
            region=office.region,
            project_type=types[type_code],
            status=rng.choices(statuses, weights=weights)[0],
            start_date=start,
            end_date=start + dt.timedelta(days=rng.choice([365, 540, 730, 1095])),
            budget=Decimal(rng.randrange(50_000, 5_000_000, 1000)),
            currency=rng.choice(["USD", "USD", "USD", "EUR", "CHF"]),
            summary=summary,
            rationale=rationale,
            objective=objective,
            created_at=now,
            updated_at=now - dt.timedelta(minutes=rng.randint(0, 60 * 24 * 365)),
        )
        outcome = f"{group.capitalize()} in {country_name} benefit from improved {topic}."
        output_texts = [
            f"Service providers have the skills to support women and men among {group}.",
            f"{group.capitalize()} have access to information on {topic}.",
        ]
        project.search_document = "\n".join(
            [project.code, title, summary, rationale, objective, outcome, *output_texts]
        )
        projects.append(project)
        extras.append(
            (
                country_codes,
                rng.sample(themes, k=2),
                rng.sample(donors, k=rng.randint(1, 2)),
                outcome,
                "\n".join(output_texts),
            )
        )
    Project.objects.bulk_create(projects, batch_size=500)

    country_links: list[Any] = []
    theme_links: list[Any] = []
    donor_links: list[Any] = []
    team_links: list[Any] = []
    partner_rows: list[ProjectPartner] = []
    changes: list[ProjectChange] = []
    outcomes: list[ResultNode] = []
    for project, (codes, pthemes, pdonors, outcome, _outputs) in zip(projects, extras, strict=True):
        country_links += [
            Project.countries.through(project_id=project.pk, country_id=c) for c in codes
        ]
        theme_links += [
            Project.themes.through(project_id=project.pk, theme_id=t.pk) for t in pthemes
        ]
        donor_links += [
            Project.donors.through(project_id=project.pk, donor_id=d.pk) for d in pdonors
        ]
        if developers:
            team_links.append(
                Project.team.through(project_id=project.pk, user_id=rng.choice(developers).pk)
            )
        partner_rows.append(
            ProjectPartner(project=project, organization=rng.choice(partners), role="4")
        )
        changes.append(
            ProjectChange(
                project=project,
                action="created",
                version=1,
                at=project.updated_at,
                changes={"title": [None, project.title]},
            )
        )
        outcomes.append(
            ResultNode(project=project, level="outcome", code="OC1", statement=outcome, order=1)
        )
    Project.countries.through.objects.bulk_create(
        country_links, batch_size=2000, ignore_conflicts=True
    )
    Project.themes.through.objects.bulk_create(theme_links, batch_size=2000)
    Project.donors.through.objects.bulk_create(donor_links, batch_size=2000)
    Project.team.through.objects.bulk_create(team_links, batch_size=2000)
    ProjectPartner.objects.bulk_create(partner_rows, batch_size=2000)
    ProjectChange.objects.bulk_create(changes, batch_size=2000)
    ResultNode.objects.bulk_create(outcomes, batch_size=2000)

    outputs: list[ResultNode] = []
    for outcome_node, (_c, _t, _d, _o, output_text) in zip(outcomes, extras, strict=True):
        for i, statement in enumerate(output_text.split("\n"), start=1):
            outputs.append(
                ResultNode(
                    project_id=outcome_node.project_id,
                    parent=outcome_node,
                    level="output",
                    code=f"OP1.{i}",
                    statement=statement,
                    order=i,
                )
            )
    ResultNode.objects.bulk_create(outputs, batch_size=2000)
    activities = [
        ResultNode(
            project_id=o.project_id,
            parent=o,
            level="activity",
            code=f"A{o.code[2:]}.1",
            statement="Train staff of partner institutions, with equal places for women and men."
            if o.order == 1
            else "Run information sessions at times and places that women can attend.",
            order=1,
        )
        for o in outputs
    ]
    ResultNode.objects.bulk_create(activities, batch_size=2000)

    indicators: list[Indicator] = []
    for o in outputs:
        if o.order == 1:
            indicators.append(
                Indicator(
                    result=o,
                    statement="Number of people trained who report improved skills",
                    means_of_verification="Pre- and post-training tests",
                    measure="1",
                    counts_people=True,
                    band_set=band_set,
                    baseline_value=Decimal(0),
                    order=1,
                )
            )
        else:
            indicators.append(
                Indicator(
                    result=o,
                    statement="Percentage of participants who are women",
                    measure="2",
                    means_of_verification="Attendance lists",
                    target_value=Decimal(50),
                    order=1,
                )
            )
    Indicator.objects.bulk_create(indicators, batch_size=2000)
    values: list[IndicatorValue] = []
    for indicator in indicators:
        if not indicator.counts_people:
            continue
        total = Decimal(0)
        for sex in ("female", "male"):
            for band in bands:
                value = Decimal(rng.randint(5, 200) if band.min_age >= 18 else rng.randint(0, 40))
                total += value
                values.append(
                    IndicatorValue(
                        indicator=indicator, kind=ValueKind.TARGET, sex=sex, band=band, value=value
                    )
                )
        indicator.target_value = total
    IndicatorValue.objects.bulk_create(values, batch_size=5000)
    Indicator.objects.bulk_update(
        [i for i in indicators if i.counts_people], ["target_value"], batch_size=2000
    )
    return len(projects)
