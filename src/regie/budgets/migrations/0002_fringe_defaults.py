"""Belgian fringe rates as dated settings, from /shared/corpora/DOMAIN_FACTS.md (section 3).

Each value holds from its date until a later row replaces it; a new rate is a new row (a data
migration or an edit), never a change to code. Re-check the sources before relying on them.
"""

import datetime
from decimal import Decimal

from django.db import migrations

DEFAULTS = [
    # (code, basis, value, valid_from, source, note)
    (
        "employer_ss",
        "percent",
        "27.0000",
        datetime.date(2019, 1, 1),
        "https://theword.iuslaboris.com/hrlaw/social-security-guide/belgium",
        "Private sector white-collar, approximately 27 % of gross (sources range 25-32 %); "
        "ONSS publishes the exact rates per worker category every quarter.",
    ),
    (
        "artist_ss",
        "percent",
        "29.1600",
        datetime.date(2024, 1, 1),
        "https://onss.fgov.be/en/employers-and-nsso/paying-contributions",
        "Artists and blue-collar workers: about 27 % computed on 108 % of gross (27 x 1.08), before reductions.",
    ),
    (
        "holiday_pay",
        "percent",
        "11.0916",
        datetime.date(2019, 1, 1),
        "https://theword.iuslaboris.com/hrlaw/social-security-guide/belgium",
        "Holiday-pay contribution of 10.27 % on 108 % of gross (10.27 x 1.08), paid to the holiday office.",
    ),
    (
        "pc304_risk",
        "percent",
        "0.1000",
        datetime.date(2013, 9, 4),
        "https://podiumkunsten.be/sector/lopende-caos-pc-304/413",
        "Joint committee 304: 0.10 % of gross wages for risk groups (cao 04/09/2013).",
    ),
    (
        "akv_solidarity",
        "percent",
        "5.0000",
        datetime.date(2024, 1, 1),
        "https://www.socialsecurity.be/site_nl/employer/applics/workinginthearts/index.htm",
        "Amateur arts allowance: 5 % solidarity contribution once a principal pays more than the yearly threshold.",
    ),
]


def load(apps, schema_editor):
    FringeDefault = apps.get_model("budgets", "FringeDefault")
    for code, basis, value, valid_from, source, note in DEFAULTS:
        FringeDefault.objects.update_or_create(
            code=code,
            valid_from=valid_from,
            defaults={"basis": basis, "value": Decimal(value), "source_url": source, "note": note},
        )


class Migration(migrations.Migration):
    dependencies = [("budgets", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
