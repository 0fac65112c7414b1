"""The demo organization: headquarters, regional and country offices, departments and users.

Demo passwords are printed by `pat demo`; they exist only in demo databases.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models, transaction

from pat.core.models import ApiToken, Department, Office, Role, User

DEMO_PASSWORD = "pat-demo-2026"  # noqa: S105 - printed for the demo, never a real account

REGIONAL_OFFICES = [
    ("ro-bangkok", "Regional Office Bangkok", "TH", "AP"),
    ("ro-sanjose", "Regional Office San José", "CR", "CNC"),
    ("ro-nairobi", "Regional Office Nairobi", "KE", "EHA"),
    ("ro-brussels", "Regional Office Brussels", "BE", "EEA"),
    ("ro-cairo", "Regional Office Cairo", "EG", "MENA"),
    ("ro-buenosaires", "Regional Office Buenos Aires", "AR", "SA"),
    ("ro-vienna", "Regional Office Vienna", "AT", "SEECA"),
    ("ro-pretoria", "Regional Office Pretoria", "ZA", "SAF"),
    ("ro-dakar", "Regional Office Dakar", "SN", "WCA"),
]

COUNTRY_OFFICES = {
    "ro-bangkok": ["PH", "BD", "AF", "MM", "ID"],
    "ro-sanjose": ["GT", "HN", "MX", "HT"],
    "ro-nairobi": ["ET", "SO", "SS", "UG"],
    "ro-brussels": ["IT", "GR", "ES"],
    "ro-cairo": ["LY", "IQ", "YE", "MA"],
    "ro-buenosaires": ["CO", "PE", "VE"],
    "ro-vienna": ["UA", "TR", "BA"],
    "ro-pretoria": ["MZ", "MW", "ZW"],
    "ro-dakar": ["NG", "NE", "ML", "SN", "CD"],
}

# French and Spanish names of the demo's headquarters and regional offices; country offices
# are named from their country's name in each language.
OFFICE_NAMES: dict[str, tuple[str, str]] = {
    "hq": ("Siège, Genève", "Sede, Ginebra"),
    "ro-bangkok": ("Bureau régional de Bangkok", "Oficina Regional de Bangkok"),
    "ro-sanjose": ("Bureau régional de San José", "Oficina Regional de San José"),
    "ro-nairobi": ("Bureau régional de Nairobi", "Oficina Regional de Nairobi"),
    "ro-brussels": ("Bureau régional de Bruxelles", "Oficina Regional de Bruselas"),
    "ro-cairo": ("Bureau régional du Caire", "Oficina Regional de El Cairo"),
    "ro-buenosaires": ("Bureau régional de Buenos Aires", "Oficina Regional de Buenos Aires"),
    "ro-vienna": ("Bureau régional de Vienne", "Oficina Regional de Viena"),
    "ro-pretoria": ("Bureau régional de Pretoria", "Oficina Regional de Pretoria"),
    "ro-dakar": ("Bureau régional de Dakar", "Oficina Regional de Dakar"),
}

DEPARTMENT_NAMES: dict[str, tuple[str, str]] = {
    "programme-support": (
        "Département de l'appui aux programmes",
        "Departamento de Apoyo a Programas",
    ),
    "project-development": (
        "Unité d'élaboration des projets",
        "Unidad de Formulación de Proyectos",
    ),
    "finance": ("Département du budget et des finances", "Departamento de Presupuesto y Finanzas"),
    "budget": ("Unité du budget", "Unidad de Presupuesto"),
    "legal": ("Bureau des affaires juridiques", "Oficina de Asuntos Jurídicos"),
    "hr": ("Gestion des ressources humaines", "Gestión de Recursos Humanos"),
    "gender": (
        "Coordination des questions de genre, Bureau du Directeur général",
        "Coordinación de Género, Oficina del Director General",
    ),
}

DEPARTMENTS = [
    ("programme-support", "Programme Support Department", None),
    ("project-development", "Project Development Unit", "programme-support"),
    ("finance", "Department of Budget and Finance", None),
    ("budget", "Budget Unit", "finance"),
    ("legal", "Office of Legal Affairs", None),
    ("hr", "Human Resources Management", None),
    ("gender", "Gender Coordination, Office of the Director General", None),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first: str
    last: str
    roles: tuple[tuple[str, str, str | None], ...]  # (role kind, office code, department)
    staff: bool = False


DEMO_USERS = [
    DemoUser("admin", "Ada", "Admin", (("admin", "hq", None),), staff=True),
    DemoUser("developer", "Amina", "Diallo", (("developer", "co-ng", None),)),
    DemoUser("developer2", "Carlos", "Mendoza", (("developer", "co-co", None),)),
    DemoUser("com", "Lucía", "Fernández", (("com", "co-ng", None),)),
    DemoUser("reviewer", "Jonas", "Berg", (("reviewer", "hq", "programme-support"),)),
    DemoUser("budget", "Mei", "Chen", (("reviewer", "hq", "budget"),)),
    DemoUser("legal", "Omar", "Haddad", (("reviewer", "hq", "legal"),)),
    DemoUser("regional", "Fatou", "Sarr", (("reviewer", "ro-dakar", None),)),
    DemoUser("gfp", "Grace", "Otieno", (("gfp", "hq", "gender"), ("reviewer", "hq", "gender"))),
    DemoUser("gfp-field", "Nadia", "Rahman", (("gfp", "co-bd", None),)),
    DemoUser("hr", "Pierre", "Dubois", (("hr", "hq", "hr"),)),
    DemoUser("coordinator", "Helena", "Okafor", (("coord", "hq", "gender"),)),
]


def office_code(country: str) -> str:
    return f"co-{country.lower()}"


@transaction.atomic
def name_offices() -> int:
    """Give the demo offices their French and Spanish names where they have none yet
    (also for databases made before offices had translated names); returns how many."""
    from django.utils import translation
    from django_countries import countries

    named = 0
    for office in Office.objects.filter(models.Q(name_fr="") | models.Q(name_es="")):
        if office.code in OFFICE_NAMES:
            fr, es = OFFICE_NAMES[office.code]
        elif office.kind == "country" and office.code == office_code(office.country.code):
            with translation.override("fr"):
                fr = f"Bureau de pays – {countries.name(office.country.code)}"
            with translation.override("es"):
                es = f"Oficina de país – {countries.name(office.country.code)}"
        else:
            continue
        office.name_fr = office.name_fr or fr
        office.name_es = office.name_es or es
        office.save(update_fields=["name_fr", "name_es"])
        named += 1
    for department in Department.objects.filter(code__in=DEPARTMENT_NAMES):
        fr, es = DEPARTMENT_NAMES[department.code]
        if department.name_fr and department.name_es:
            continue
        department.name_fr = department.name_fr or fr
        department.name_es = department.name_es or es
        department.save(update_fields=["name_fr", "name_es"])
        named += 1
    return named


def build_organization() -> bool:
    """Create the demo organization; False when it already exists (nothing is changed)."""
    from django_countries import countries

    from pat.core.regions import REGION_OF_COUNTRY

    if Office.objects.filter(code="hq").exists():
        name_offices()
        return False
    hq = Office.objects.create(
        code="hq", name="Headquarters Geneva", kind="hq", country="CH", region="GLOBAL"
    )
    for code, name, country, region in REGIONAL_OFFICES:
        regional = Office.objects.create(
            code=code, name=name, kind="regional", country=country, region=region, parent=hq
        )
        for c in COUNTRY_OFFICES[code]:
            Office.objects.create(
                code=office_code(c),
                name=f"Country Office {countries.name(c)}",
                kind="country",
                country=c,
                region=REGION_OF_COUNTRY[c],
                parent=regional,
            )
    departments: dict[str, Department] = {}
    for code, name, parent in DEPARTMENTS:
        departments[code] = Department.objects.create(
            code=code, name=name, parent=departments.get(parent) if parent else None
        )
    name_offices()
    offices = {o.code: o for o in Office.objects.all()}
    for spec in DEMO_USERS:
        user = User.objects.create_user(
            spec.username,
            email=f"{spec.username}@example.org",
            password=DEMO_PASSWORD,
            first_name=spec.first,
            last_name=spec.last,
            is_staff=spec.staff,
            is_superuser=spec.staff,
        )
        for kind, office, department in spec.roles:
            Role.objects.create(
                user=user,
                office=offices[office],
                kind=kind,
                department=departments[department] if department else None,
            )
    # One API token, so "Your account" shows one in use (its secret is not kept).
    first = User.objects.get(username=DEMO_USERS[0].username)
    ApiToken.issue(first, "monthly reporting script", days=90)
    return True


def sign_in_help() -> str:
    lines = [
        f"Sign in at http://127.0.0.1:8000 with any of these users, password {DEMO_PASSWORD!r}:"
    ]
    for spec in DEMO_USERS:
        roles = ", ".join(
            f"{kind}@{office}" + (f"/{dept}" if dept else "") for kind, office, dept in spec.roles
        )
        lines.append(f"  {spec.username:<11} {spec.first} {spec.last}: {roles}")
    return "\n".join(lines)
