"""Factories of cost control: purchase orders, invoices and expenses, estimates to complete."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.core.files.base import ContentFile

from regie.budgets.cost_models import Cost, CostAllocation, EstimateToComplete, OrderStatus, PurchaseOrder
from regie.budgets.models import Line
from regie.productions.models import Production


class PurchaseOrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PurchaseOrder

    number = factory.Sequence(lambda n: n + 1)
    supplier_name = "Lumen Rent"
    date = datetime.date(2027, 1, 12)
    description = "Lighting rental"
    line_key = factory.Faker("uuid4", cast_to=None)
    amount = Decimal(1000)
    status = OrderStatus.ISSUED


class CostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cost

    number = factory.Sequence(lambda n: f"F-{n + 1:04d}")
    supplier_name = "Lumen Rent"
    supplier_key = factory.LazyAttribute(lambda o: "n" + o.supplier_name.lower())
    invoice_date = datetime.date(2027, 1, 20)
    amount = Decimal(0)


def cost_on(line: Line, amount: Decimal | int | str, **kwargs: object) -> Cost:
    """An invoice of the line's budget coded wholly to `line`."""
    cost = CostFactory(budget=line.budget_version.budget, amount=Decimal(amount), **kwargs)
    CostAllocation.objects.create(cost=cost, line_key=line.key, amount=Decimal(amount))
    return cost


class EstimateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EstimateToComplete

    amount = Decimal(50)


def budget_with_costs(production: Production) -> dict:
    """`budget_with_one_of_each` plus an issued order, an invoice with a receipt-less split and a set ETC."""
    from tests.factories import budget_with_one_of_each

    world = budget_with_one_of_each(production)
    line = world["line"]
    budget = world["version"].budget
    world["order"] = PurchaseOrderFactory(budget=budget, line_key=line.key, number=1)
    world["cost"] = cost_on(line, 100, order=world["order"])
    world["cost"].receipt.save("receipt.pdf", ContentFile(b"%PDF-1.4 a receipt"), save=False)
    world["cost"].receipt_type = "application/pdf"
    world["cost"].save()
    world["estimate"] = EstimateFactory(budget=budget, line_key=line.key)
    return world
