"""The grades, the level groups and the seed's targets (domain.md §5; seed ¶4(b))."""

from django.db import migrations
from django.utils.translation import gettext_noop as N_

LEVELS = [
    *[(f"P-{i}", f"Professional P-{i}", "P", i) for i in range(1, 6)],
    ("D-1", "Director D-1", "P", 6),
    ("D-2", "Director D-2", "P", 7),
    ("ASG", "Assistant Secretary-General", "P", 8),
    ("USG", "Under-Secretary-General", "P", 9),
    *[(f"GS-{i}", f"General service GS-{i}", "GS", i) for i in range(1, 8)],
    *[(f"NO-{c}", f"National officer NO-{c}", "NO", i) for i, c in enumerate("ABCDE", 1)],
    ("UG", "Ungraded", "UG", 0),
]

GROUPS = [
    ("professional", N_("Professional and higher"), 1, ["P-1", "P-2", "P-3", "P-4", "P-5", "D-1", "D-2", "ASG", "USG"]),
    ("decision-making", N_("Decision-making (P-5 and above)"), 2, ["P-5", "D-1", "D-2", "ASG", "USG"]),
    ("p1-p3", N_("P-1 to P-3"), 3, ["P-1", "P-2", "P-3"]),
    ("p4", "P-4", 4, ["P-4"]),
    ("directors", N_("D-1 and above"), 5, ["D-1", "D-2", "ASG", "USG"]),
    ("general-service", N_("General service"), 6, [f"GS-{i}" for i in range(1, 8)]),
    ("national-officers", N_("National officers"), 7, [f"NO-{c}" for c in "ABCDE"]),
]

SEED = "IOM gender policy (2000), ¶4(b)"
TARGETS = [("professional", 40, 2002, SEED), ("professional", 50, 2008, SEED)]


def forward(apps, schema_editor):
    Level = apps.get_model("staffing", "Level")
    LevelGroup = apps.get_model("staffing", "LevelGroup")
    Target = apps.get_model("staffing", "Target")
    levels = {}
    for code, name, category, rank in LEVELS:
        levels[code], _ = Level.objects.get_or_create(
            code=code, defaults={"name": name, "category": category, "rank": rank}
        )
    groups = {}
    for code, name, order, members in GROUPS:
        group, _ = LevelGroup.objects.get_or_create(code=code, defaults={"name": name, "order": order})
        group.levels.add(*[levels[m] for m in members])
        groups[code] = group
    for group, share, year, source in TARGETS:
        Target.objects.get_or_create(group=groups[group], share=share, year=year, defaults={"source": source})


class Migration(migrations.Migration):
    dependencies = [("staffing", "0001_initial")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
