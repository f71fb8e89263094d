"""The shipped presenting contracts name the company and the presenter by the contract's
`our_role` (merge fields company_name and presenter_name): reload the shipped templates."""

from django.db import migrations


def load(apps, schema_editor):
    from regie.contracts.shipped import load_shipped_templates

    load_shipped_templates(apps.get_model("contracts", "ContractTemplate"))


class Migration(migrations.Migration):
    dependencies = [("contracts", "0007_solidarity_settings")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
