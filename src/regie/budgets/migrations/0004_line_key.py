"""Lines get a key that stays the same in every version of a budget.

Schema (nullable) → data (lines of a version copied from another take the key of the line at the
same place in the source, all others a fresh one) → schema (not null). Existing budgets had no
keys, so the copies are matched by account code and position, which is how copies were built.
"""

from __future__ import annotations

import uuid

from django.db import migrations, models


def fill_keys(apps, schema_editor):  # type: ignore[no-untyped-def]
    Line = apps.get_model("budgets", "Line")
    BudgetVersion = apps.get_model("budgets", "BudgetVersion")
    for version in BudgetVersion.objects.order_by("budget_id", "number"):
        source_keys = {}
        if version.copied_from_id:
            source_keys = {
                (code, position): key
                for code, position, key in Line.objects.filter(budget_version_id=version.copied_from_id).values_list(
                    "account__code", "position", "key"
                )
            }
        lines = list(Line.objects.filter(budget_version=version).select_related("account"))
        for line in lines:
            line.key = source_keys.get((line.account.code, line.position)) or uuid.uuid4()
        Line.objects.bulk_update(lines, ["key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("budgets", "0003_financing_sources")]

    operations = [
        migrations.AddField(model_name="line", name="key", field=models.UUIDField(null=True, editable=False)),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="line",
            name="key",
            field=models.UUIDField(default=uuid.uuid4, editable=False, db_index=True),
        ),
    ]
