"""Spanish: amounts grouped with a dot (1.500.000,00), as the organization's Spanish budgets
and most of its Spanish-speaking offices write them; everything else is Django's."""

from django.conf.locale.es.formats import *  # type: ignore[import-untyped]  # noqa: F403

THOUSAND_SEPARATOR = "."
