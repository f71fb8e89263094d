"""Dated legal figures of the amateur-arts allowance for the principal, from
/shared/corpora/DOMAIN_FACTS.md (section 2.2): the 5 % solidarity contribution once a principal
pays more than the yearly threshold (€551.56 in 2024, base €500, indexed), and the 100 daily
allowances a year above which the principal reports to the Kunstwerkcommissie.

Re-check socialsecurity.be before relying on them: the 2025 and 2026 thresholds were not found
when this was written, so the 2024 figure holds until a later row replaces it.
"""

import datetime
from decimal import Decimal

from django.db import migrations

RSZ = "https://www.socialsecurity.be/site_nl/employer/applics/workinginthearts/index.htm"

SETTINGS = [
    # (code, value, valid_from, source, note)
    ("akv_solidarity_threshold", "551.56", datetime.date(2024, 1, 1), RSZ, "AKV 2024: principal's yearly total (base €500)."),
    ("akv_solidarity_rate", "5", datetime.date(2024, 1, 1), RSZ, "AKV: solidarity contribution on all allowances of the year."),
    ("akv_report_days", "100", datetime.date(2024, 1, 1), RSZ, "AKV: more than 100 daily allowances a year: report to the Commission."),
]


def load(apps, schema_editor):
    AllowanceSetting = apps.get_model("contracts", "AllowanceSetting")
    for code, value, valid_from, source, note in SETTINGS:
        AllowanceSetting.objects.update_or_create(
            code=code, valid_from=valid_from, defaults={"value": Decimal(value), "source_url": source, "note": note}
        )


class Migration(migrations.Migration):
    dependencies = [("contracts", "0006_contract_akv_travel_role")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
