"""Dated legal figures for the checks before sending a contract, from
/shared/corpora/DOMAIN_FACTS.md (sections 2.2 and 3.2).

Each value holds from its date until a later row replaces it; an empty value means "no limit"
from that date. Re-check the sources (workinginthearts.be, socialsecurity.be, fin.belgium.be)
before relying on them: the 2026 amateur-arts amounts were not found when this was written.
"""

import datetime
from decimal import Decimal

from django.db import migrations

SOCIARE = "https://www.sociare.be/nl/kennisbank/weg-met-de-kleine-vergoedingsregel-leve-de-amateurkunstenvergoeding"
WITA = "https://www.workinginthearts.fgov.be/nl/amateur/faqs/opdrachtgevers/voorwaarden"
RSZ = "https://www.socialsecurity.be/site_nl/employer/applics/workinginthearts/index.htm"
SECUREX = (
    "https://securex.be/fr/lex4you/employeur/themes/selection-et-conclusion-du-contrat/contrats-particuliers/"
    "le-regime-d-indemnites-reduites-au-niveau-social"
)
TAX = "https://adoc.pub/een-themaschrift-over-beleid-en-regelgeving-voor-cultuur-en-67ca8ddae9202a1e0fb693683df8a2b876258.html"

SETTINGS = [
    # (code, value or None for "no limit", valid_from, source, note)
    ("akv_daily_amount", "147.69", datetime.date(2023, 1, 1), SOCIARE, "Small allowance scheme (KVR), until 31/12/2023."),
    ("akv_days_per_year", "30", datetime.date(2023, 1, 1), SOCIARE, "KVR: 30 days per calendar year."),
    ("akv_consecutive_days", "7", datetime.date(2023, 1, 1), SOCIARE, "KVR: 7 consecutive days per principal."),
    ("akv_yearly_amount", "2953.37", datetime.date(2023, 1, 1), SOCIARE, "KVR: yearly maximum."),
    ("akv_daily_amount", "77.22", datetime.date(2024, 1, 1), RSZ, "Amateur arts allowance (AKV) 2024, per principal."),
    ("akv_travel_daily", "22.06", datetime.date(2024, 1, 1), RSZ, "AKV 2024: travel costs per day and principal."),
    ("akv_days_per_year", "30", datetime.date(2024, 1, 1), WITA, "AKV: 30 days per calendar year, all principals together."),
    ("akv_consecutive_days", "7", datetime.date(2024, 1, 1), WITA, "AKV: 7 consecutive days for the same principal."),
    ("akv_yearly_amount", None, datetime.date(2024, 1, 1), SOCIARE, "AKV: no yearly amount any more, only the day limits."),
    ("akv_daily_amount", "80.18", datetime.date(2025, 1, 1), SECUREX, "AKV 2025 (single secondary source; verify)."),
    ("akv_travel_daily", "22.91", datetime.date(2025, 1, 1), SECUREX, "AKV 2025 travel costs (single secondary source; verify)."),
    ("foreign_artist_withholding", "18", datetime.date(2019, 1, 1), TAX, "Withholding tax on non-resident performing artists."),
]


def load(apps, schema_editor):
    AllowanceSetting = apps.get_model("contracts", "AllowanceSetting")
    for code, value, valid_from, source, note in SETTINGS:
        AllowanceSetting.objects.update_or_create(
            code=code,
            valid_from=valid_from,
            defaults={"value": Decimal(value) if value is not None else None, "source_url": source, "note": note},
        )


class Migration(migrations.Migration):
    dependencies = [("contracts", "0002_shipped_templates")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
