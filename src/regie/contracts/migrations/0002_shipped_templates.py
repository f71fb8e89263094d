"""The contract templates shipped with Regie (contracts/shipped/*.txt): 11 kinds in NL, FR and EN.

They are models to be checked by a lawyer. Re-running `load` updates them from the files.
"""

from django.db import migrations


def load(apps, schema_editor):
    from regie.contracts.shipped import load_shipped_templates

    load_shipped_templates(apps.get_model("contracts", "ContractTemplate"))


class Migration(migrations.Migration):
    dependencies = [("contracts", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
