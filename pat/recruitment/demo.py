"""Demo vacancy notices and outreach channels: a notice in every state, one published with
masculine-coded wording and the reason recorded, a few visits through tracked links."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from pat.core.models import Office, User
from pat.recruitment import services
from pat.recruitment.models import OutreachChannel, State, Vacancy, reference_slug
from pat.staffing.models import Level

CHANNELS = [
    # slug, name, French, Spanish, kind, address
    (
        "unwomen-network",
        "UN Women professional network",
        "Réseau professionnel d'ONU Femmes",
        "Red profesional de ONU Mujeres",
        "womens-network",
        "https://www.unwomen.org/",
    ),
    (
        "women-in-migration",
        "Women in Migration Research Network",
        "Réseau de recherche Femmes et migrations",
        "Red de investigación Mujeres y Migración",
        "womens-network",
        "",
    ),
    (
        "univ-geneva",
        "University of Geneva careers service",
        "Service des carrières de l'Université de Genève",
        "Servicio de carreras de la Universidad de Ginebra",
        "university",
        "https://www.unige.ch/",
    ),
    (
        "unjobs",
        "UN careers board",
        "Bourse d'emplois des Nations Unies",
        "Bolsa de empleo de las Naciones Unidas",
        "un-job-board",
        "https://careers.un.org/",
    ),
    (
        "website",
        "Organization website",
        "Site de l'Organisation",
        "Sitio de la Organización",
        "organization-site",
        "",
    ),
]

TEXT_NEUTRAL = """## Context

The office runs return and reintegration programmes with national partners.

## Tasks

- Coordinate the monitoring of the programme's results with partners.
- Prepare quarterly reports, with figures by sex and age.
- Support the team in planning field visits and share lessons learned.

## Requirements

- Master's degree in social sciences, public policy or a related field.
- Five years of work in programme management, some of it in the field.
- Fluency in English; French is an advantage.
"""

TEXT_MASCULINE = """## Context

Headquarters seeks a head of its data unit.

## The person

We want a competitive, decisive leader: ambitious, assertive and self-reliant, who drives
the unit to results.

## Requirements

- Advanced degree in statistics or data science.
- Ten years of experience, five of them leading a team.
"""

TEXT_FR = """## Contexte

Le bureau appuie les autorités dans la gestion des frontières.

## Tâches

- Coordonner les formations avec les partenaires nationaux.
- Préparer les rapports trimestriels, avec des données ventilées par sexe et par âge.
- Appuyer l'équipe dans le suivi des activités sur le terrain.

## Qualifications

- Diplôme universitaire en droit, en sciences politiques ou dans un domaine connexe.
- Trois ans d'expérience dans la gestion de projets.
"""

TEXT_ES = """## Contexto

La oficina trabaja con las comunidades de acogida en la integración de las personas migrantes.

## Tareas

- Apoyar al equipo en la planificación de las actividades comunitarias.
- Colaborar con los socios locales y compartir las lecciones aprendidas.
- Preparar informes mensuales con datos desglosados por sexo y edad.

## Requisitos

- Título universitario en trabajo social o ciencias sociales.
- Dos años de experiencia en proyectos comunitarios.
"""

# reference, title, grade, office, duty station, language, text, state, days to closing
NOTICES = [
    (
        "VN 2026/031",
        "Programme Officer (Reintegration)",
        "P-3",
        "co-ng",
        "Abuja",
        "en",
        TEXT_NEUTRAL,
        State.PUBLISHED,
        21,
    ),
    (
        "VN 2026/034",
        "Head, Data and Analytics Unit",
        "P-5",
        "hq",
        "Geneva",
        "en",
        TEXT_MASCULINE,
        State.PUBLISHED,
        28,
    ),
    (
        "VN 2026/036",
        "Chargée / chargé de programme (Gestion des frontières)",
        "NO-B",
        "co-ng",
        "Abuja",
        "fr",
        TEXT_FR,
        State.PUBLISHED,
        14,
    ),
    (
        "VN 2026/038",
        "Asistente de programa (Integración)",
        "GS-5",
        "co-co",
        "Bogotá",
        "es",
        TEXT_ES,
        State.PUBLISHED,
        10,
    ),
    (
        "VN 2026/040",
        "Monitoring and Evaluation Officer",
        "P-2",
        "co-bd",
        "Dhaka",
        "en",
        TEXT_NEUTRAL,
        State.DRAFT,
        35,
    ),
    (
        "VN 2026/022",
        "Protection Officer",
        "P-3",
        "ro-dakar",
        "Dakar",
        "en",
        TEXT_NEUTRAL,
        State.CLOSED,
        -5,
    ),
    (
        "VN 2026/011",
        "Senior Policy Adviser",
        "P-4",
        "hq",
        "Geneva",
        "en",
        TEXT_NEUTRAL,
        State.FILLED,
        -60,
    ),
    (
        "VN 2026/015",
        "Logistics Officer",
        "P-2",
        "co-ng",
        "Maiduguri",
        "en",
        TEXT_NEUTRAL,
        State.CANCELLED,
        -20,
    ),
]

REASON = (
    "The hiring manager kept the wording of the unit's approved job description; HR will "
    "reword it at the next revision. The notice goes to the women's networks as well."
)

PATHS = {
    State.PUBLISHED: [State.PUBLISHED],
    State.CLOSED: [State.PUBLISHED, State.CLOSED],
    State.FILLED: [State.PUBLISHED, State.CLOSED, State.FILLED],
    State.CANCELLED: [State.CANCELLED],
    State.DRAFT: [],
}


@transaction.atomic
def build_recruitment() -> bool:
    """Channels and notices, once; False when the demo already has notices."""
    for slug, name, fr, es, kind, url in CHANNELS:
        OutreachChannel.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "name_fr": fr, "name_es": es, "kind": kind, "url": url},
        )
    if Vacancy.objects.exists():
        return False
    hr = User.objects.filter(username="hr").first()
    drafter = User.objects.filter(username="developer").first() or hr
    offices = {o.code: o for o in Office.objects.all()}
    levels = {lv.code: lv for lv in Level.objects.all()}
    today = timezone.localdate()
    for ref, title, grade, office, station, lang, text, state, days in NOTICES:
        if office not in offices or grade not in levels:
            continue
        vacancy = services.vacancy_create(
            by=drafter,
            fields={
                "reference": ref,
                "title": title,
                "grade": levels[grade],
                "office": offices[office],
                "duty_station": station,
                "closing_date": today + dt.timedelta(days=days),
                "language": lang,
                "text": text,
                "apply_url": f"https://careers.example.org/jobs/{reference_slug(ref)}",
            },
        )
        for step in PATHS[state]:
            services.vacancy_move(
                vacancy=vacancy,
                by=hr,
                to=step,
                expected_version=vacancy.version,
                reason=REASON if vacancy.wording_masculine else "",
            )
    for vacancy in Vacancy.objects.public():
        for i, channel in enumerate(OutreachChannel.objects.all()):
            for _ in range((len(vacancy.reference) + 3 * i) % 7):
                services.record_visit(vacancy=vacancy, channel_slug=channel.slug)
    return True
