"""Reference data every installation needs: age band sets, project types, themes."""

from django.db import migrations

BAND_SETS = {
    "children-adults": ("Children and adults (0–17, 18+)", [(0, 17), (18, None)]),
    "four-bands": ("0–5, 6–17, 18–59, 60+", [(0, 5), (6, 17), (18, 59), (60, None)]),
    "humanitarian": (
        "Humanitarian inclusion standard (8 bands)",
        [(0, 5), (6, 12), (13, 17), (18, 49), (50, 59), (60, 69), (70, 79), (80, None)],
    ),
}

PROJECT_TYPES = {
    "movement-emergency": "Movement, emergency and post-crisis migration management",
    "migration-health": "Migration health",
    "migrant-assistance": "Migrant protection and assistance",
    "counter-trafficking": "Counter-trafficking",
    "return-reintegration": "Return and reintegration",
    "border-management": "Immigration and border management",
    "labour-mobility": "Labour mobility and human development",
    "policy-research": "Migration policy, research and communication",
    "climate-environment": "Migration, environment and climate change",
    "reparations": "Land, property and reparations",
}

THEMES = {
    "gender-equality": "Gender equality",
    "gbv": "Gender-based violence",
    "trafficking": "Trafficking in persons",
    "health": "Health",
    "livelihoods": "Livelihoods",
    "shelter": "Shelter and settlements",
    "protection": "Protection",
    "children": "Children and youth",
    "diaspora": "Diaspora engagement",
    "climate": "Climate and environment",
    "data": "Migration data",
    "capacity": "Capacity building",
}


def band_label(low, high):
    return f"{low}+" if high is None else f"{low}–{high}"


def add(apps, schema_editor):
    AgeBandSet = apps.get_model("projects", "AgeBandSet")
    AgeBand = apps.get_model("projects", "AgeBand")
    ProjectType = apps.get_model("projects", "ProjectType")
    Theme = apps.get_model("projects", "Theme")
    for code, (name, bands) in BAND_SETS.items():
        band_set, _ = AgeBandSet.objects.get_or_create(code=code, defaults={"name": name})
        for low, high in bands:
            AgeBand.objects.get_or_create(
                band_set=band_set,
                min_age=low,
                defaults={"max_age": high, "label": band_label(low, high)},
            )
    for code, name in PROJECT_TYPES.items():
        ProjectType.objects.get_or_create(code=code, defaults={"name": name})
    for code, name in THEMES.items():
        Theme.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_search_index")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
