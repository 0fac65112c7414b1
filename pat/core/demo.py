"""The demo organization: headquarters, regional and country offices, departments and users.

Demo passwords are printed by `pat demo`; they exist only in demo databases.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from pat.core.models import Department, Office, Role, User

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
def build_organization() -> bool:
    """Create the demo organization; False when it already exists (nothing is changed)."""
    from django_countries import countries

    from pat.core.regions import REGION_OF_COUNTRY

    if Office.objects.filter(code="hq").exists():
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
