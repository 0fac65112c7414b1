"""The organization's regions and which countries each covers.

Regions follow the areas of the organization's regional offices; the mapping
is data (ISO 3166-1 alpha-2 codes), so a re-organization is an edit here plus
a migration that updates Country.region.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    ASIA_PACIFIC = "AP", _("Asia and the Pacific")
    CENTRAL_NORTH_AMERICA = "CNC", _("Central and North America and the Caribbean")
    EAST_HORN_AFRICA = "EHA", _("East and Horn of Africa")
    EUROPEAN_ECONOMIC_AREA = "EEA", _("European Economic Area")
    MIDDLE_EAST_NORTH_AFRICA = "MENA", _("Middle East and North Africa")
    SOUTH_AMERICA = "SA", _("South America")
    SOUTH_EAST_EUROPE_CENTRAL_ASIA = (
        "SEECA",
        _("South-Eastern Europe, Eastern Europe and Central Asia"),
    )
    SOUTHERN_AFRICA = "SAF", _("Southern Africa")
    WEST_CENTRAL_AFRICA = "WCA", _("West and Central Africa")
    GLOBAL = "GLOBAL", _("Global")


COUNTRIES_BY_REGION: dict[str, str] = {
    "AP": "AF AU BD BT BN KH CN FJ HK IN ID IR JP KI KP KR LA MO MY MV MH FM MN MM NR NP NZ PK "
    "PW PG PH WS SG SB LK TW TH TL TO TV VU VN CK NU AS GU MP NC PF WF TK NF PN CX CC IO",
    "CNC": "US CA MX GT BZ SV HN NI CR PA CU JM HT DO BS BB TT AG DM GD KN LC VC PR AI AW BM VG "
    "KY CW GP MQ MS SX TC VI BL MF PM GL BQ UM",
    "EHA": "BI DJ ER ET KE RW SO SS SD TZ UG",
    "EEA": "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS "
    "LI NO CH GB AD MC SM VA GI FO AX GG JE IM SJ",
    "MENA": "DZ BH EG IQ JO KW LB LY MA OM PS QA SA SY TN AE YE EH",
    "SA": "AR BO BR CL CO EC GY PY PE SR UY VE FK GF GS",
    "SEECA": "AL AM AZ BY BA GE KZ KG MD ME MK RU RS TJ TR TM UA UZ",
    "SAF": "AO BW KM SZ LS MG MW MU MZ NA ZA ZM ZW SC RE YT",
    "WCA": "BJ BF CV CM CF TD CG CD CI GQ GA GM GH GN GW LR ML MR NE NG ST SN SL TG SH",
}

REGION_OF_COUNTRY: dict[str, str] = {
    code: region for region, codes in COUNTRIES_BY_REGION.items() for code in codes.split()
}
