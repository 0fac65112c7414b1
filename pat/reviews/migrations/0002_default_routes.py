"""The default review routes (an administrator edits or replaces them in the admin).

Regional office, programme support, budget and the Gender Focal Point review in
parallel; the Office of Legal Affairs joins above USD 1 million (our threshold).
Units are named by code: they need not exist yet (the demo creates them).
"""

from decimal import Decimal

from django.db import migrations

STANDARD = "Standard review"
LEGAL = "Legal review above USD 1 million"


def create(apps, schema_editor):
    ReviewRoute = apps.get_model("reviews", "ReviewRoute")
    RouteStep = apps.get_model("reviews", "RouteStep")
    standard, created = ReviewRoute.objects.get_or_create(name=STANDARD, defaults={"order": 100})
    if created:
        RouteStep.objects.create(route=standard, kind="regional", stage=1, deadline_days=10)
        RouteStep.objects.create(
            route=standard, kind="unit", department_id="programme-support", stage=1, deadline_days=10
        )
        RouteStep.objects.create(
            route=standard, kind="unit", department_id="budget", stage=1, deadline_days=10
        )
        RouteStep.objects.create(route=standard, kind="gfp", stage=1, deadline_days=10)
    legal, created = ReviewRoute.objects.get_or_create(
        name=LEGAL, defaults={"order": 200, "budget_above": Decimal("1000000"), "currency": "USD"}
    )
    if created:
        RouteStep.objects.create(
            route=legal, kind="unit", department_id="legal", stage=1, deadline_days=15
        )


def remove(apps, schema_editor):
    apps.get_model("reviews", "ReviewRoute").objects.filter(name__in=[STANDARD, LEGAL]).delete()


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
