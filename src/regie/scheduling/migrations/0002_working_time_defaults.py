"""Working-time limits per joint committee as dated settings, from /shared/corpora/DOMAIN_FACTS.md (section 1).

Each value holds from its date until a later row replaces it; a new limit is a new row, never a
change to code. Re-check the sources before relying on them.
"""

import datetime
from decimal import Decimal

from django.db import migrations

PC304 = "https://www.podiumkunsten.be/loopbaan/loon-en-arbeidsvoorwaarden/arbeidsduur-flexibiliteit/rustdagen-en-overuren"
PC304_NOTE = "General PC 304 cao of 19/12/2016 (no. 138114), special regime of artistic, technical-artistic staff and drivers."
FILM = "https://www.mediarte.be/nl/dossiers/arbeids-voorwaarden-in-de-filmsector/arbeidsregimes-in-de-filmsector/arbeidsregimes-in-de"
FILM_NOTE = "PSC 303.01 working regimes: 38 h/week exceeded by at most 3 h/day and 15 h/week; 11 h rest (art. 38ter)."
LAW = "https://www.fairworkbelgium.be/en/faq/how-many-hours-do-i-have-to-work/"
LAW_NOTE = "Labour Act of 16 March 1971: absolute ceilings of 11 h/day and 50 h/week (normal 8 h, 9 h on a 5.5-day week)."
REST = "https://www.mediarte.be/nl/dossiers/arbeids-voorwaarden-in-de-filmsector/arbeidsregimes-in-de-filmsector/arbeidsregimes-in-de"
REST_NOTE = "Art. 38ter Labour Act: at least 11 consecutive hours of rest between two working days."
PC304_FROM = datetime.date(2016, 12, 19)
LAW_FROM = datetime.date(1971, 3, 16)

DEFAULTS = [
    # (rule set, parameter, value, valid_from, source, note)
    ("pc304_artistic_technical", "max_day_hours", "10", PC304_FROM, PC304, PC304_NOTE),
    ("pc304_artistic_technical", "max_day_hours_peak", "12", PC304_FROM, PC304, PC304_NOTE),
    ("pc304_artistic_technical", "min_rest_hours", "8", PC304_FROM, PC304, PC304_NOTE),
    ("pc304_artistic_technical", "max_consecutive_days", "10", PC304_FROM, PC304, PC304_NOTE),
    ("pc304_artistic_technical", "max_week_hours", "60", PC304_FROM, PC304, PC304_NOTE),
    ("pc304_artistic_technical", "max_week_hours_peak", "84", PC304_FROM, PC304, PC304_NOTE),
    ("psc30301_film", "max_day_hours", "11", datetime.date(2012, 10, 30), FILM, FILM_NOTE),
    ("psc30301_film", "min_rest_hours", "11", datetime.date(2012, 10, 30), FILM, FILM_NOTE),
    ("psc30301_film", "max_week_hours", "53", datetime.date(2012, 10, 30), FILM, FILM_NOTE),
    ("general_law", "max_day_hours", "11", LAW_FROM, LAW, LAW_NOTE),
    ("general_law", "min_rest_hours", "11", LAW_FROM, REST, REST_NOTE),
    ("general_law", "max_week_hours", "50", LAW_FROM, LAW, LAW_NOTE),
]


def load(apps, schema_editor):
    WorkingTimeRule = apps.get_model("scheduling", "WorkingTimeRule")
    for rule_set, parameter, value, valid_from, source, note in DEFAULTS:
        WorkingTimeRule.objects.update_or_create(
            rule_set=rule_set,
            parameter=parameter,
            valid_from=valid_from,
            defaults={"value": Decimal(value), "source_url": source, "note": note},
        )


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0001_working_time_rules")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
