from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from regie.accounts.models import Invitation, Organisation, OrganisationMembership, User, hash_token
from regie.accounts.roles import OrganisationRole, Role
from regie.budgets.models import Account, Budget, BudgetVersion, Category, FinancingSource, Fringe, Global, Line
from regie.people.models import Contact, ContactKind, Engagement, EngagementStatus
from regie.productions.models import KeyContact, Kind, Phase, Production, ProductionMembership
from regie.scripts.models import Board, BreakdownElement, OptimisationRun, Scene, SceneElement, Strip, StripKind
from regie.scripts.models import Category as BreakdownCategory

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.be")
    name = factory.Faker("name", locale="nl_BE")
    language = "en"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Compagnie {n}")
    slug = factory.Sequence(lambda n: f"compagnie-{n}")


class OrganisationMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMembership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = OrganisationRole.STAFF


class ProductionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Production

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Productie {n}")
    kind = Kind.THEATRE
    phase = Phase.PRE_PRODUCTION
    start_date = datetime.date(2027, 1, 10)
    end_date = datetime.date(2027, 3, 31)
    working_languages = ["nl", "fr"]


class ProductionMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductionMembership

    production = factory.SubFactory(ProductionFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.CREW


class KeyContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyContact

    production = factory.SubFactory(ProductionFactory)
    label = "client"
    name = factory.Faker("name", locale="fr_BE")
    email = factory.Sequence(lambda n: f"contact{n}@example.be")


class InvitationFactory(factory.django.DjangoModelFactory):
    """A pending invitation; pass `token` to know the link (only its hash is stored)."""

    class Meta:
        model = Invitation

    class Params:
        token = factory.Sequence(lambda n: f"invitation-token-{n}")

    organisation = factory.SubFactory(OrganisationFactory)
    production = None
    email = factory.Sequence(lambda n: f"invited{n}@example.be")
    name = factory.Faker("name", locale="fr_BE")
    organisation_role = OrganisationRole.GUEST
    role = ""
    language = "en"
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.token))
    invited_by = None
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


class ContactFactory(factory.django.DjangoModelFactory):
    """A person in an organisation's address book."""

    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    kind = ContactKind.PERSON
    name = factory.Sequence(lambda n: f"Contact Persoon {n}")
    email = factory.Sequence(lambda n: f"crew{n}@example.be")
    city = "Gent"


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    production = factory.SubFactory(ProductionFactory)
    contact = factory.SubFactory(ContactFactory, organisation=factory.SelfAttribute("..production.organisation"))
    function = "gaffer"
    department = "lighting"
    status = EngagementStatus.CONFIRMED


def member_of(production: Production, role: str, **user_kwargs) -> User:
    """A user who is a guest of the production's organisation with `role` on the production."""
    user = UserFactory(**user_kwargs)
    OrganisationMembershipFactory(organisation=production.organisation, user=user, role=OrganisationRole.GUEST)
    ProductionMembershipFactory(production=production, user=user, role=role)
    return user


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget

    production = factory.SubFactory(ProductionFactory)


class BudgetVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetVersion

    budget = factory.SubFactory(BudgetFactory)
    number = factory.Sequence(lambda n: n + 1)
    currency = "EUR"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    budget_version = factory.SubFactory(BudgetVersionFactory)
    code = factory.Sequence(lambda n: f"{n + 10}")
    name = "Artistic team"


class AccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Account

    category = factory.SubFactory(CategoryFactory)
    budget_version = factory.LazyAttribute(lambda o: o.category.budget_version)
    code = factory.Sequence(lambda n: f"10.{n + 1:02d}")
    name = "Performers"


class GlobalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Global

    budget_version = factory.SubFactory(BudgetVersionFactory)
    name = factory.Sequence(lambda n: f"GLOBAL_{n}")
    expression = "10"


class FringeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fringe

    budget_version = factory.SubFactory(BudgetVersionFactory)
    name = "Employer social security"
    basis = "percent"
    value = 27


class LineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Line

    account = factory.SubFactory(AccountFactory)
    budget_version = factory.LazyAttribute(lambda o: o.account.budget_version)
    description = factory.Sequence(lambda n: f"Line {n}")
    quantity = "2"
    unit = "day"
    rate = 100


class FinancingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancingSource

    budget = factory.SubFactory(BudgetFactory)
    kind = "subsidy"
    funder = factory.Sequence(lambda n: f"Fonds {n}")
    amount_requested = 1000
    amount_secured = 0
    status = "requested"


def budget_with_one_of_each(production: Production) -> dict:
    """A version of the production's budget with one category, account, line (using a global and a fringe)."""
    version = BudgetVersionFactory(budget=BudgetFactory(production=production), number=1, total=540)
    account = AccountFactory(category=CategoryFactory(budget_version=version, code="10"), code="10.01")
    item = GlobalFactory(budget_version=version, name="DAYS", expression="2")
    fringe = FringeFactory(budget_version=version)
    line = LineFactory(account=account, quantity="DAYS", rate=200)
    line.fringes.add(fringe)
    source = FinancingSourceFactory(budget=version.budget, amount_secured=300, status="granted")
    return {"version": version, "account": account, "global": item, "fringe": fringe, "line": line, "source": source}


class SceneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scene

    production = factory.SubFactory(ProductionFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    heading = factory.Sequence(lambda n: f"INT. ROOM {n} - DAY")
    int_ext = "INT"
    location = factory.Sequence(lambda n: f"ROOM {n}")
    time_of_day = "DAY"
    eighths = 8
    order = factory.Sequence(lambda n: n + 1)


class BreakdownElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BreakdownElement

    production = factory.SubFactory(ProductionFactory)
    category = BreakdownCategory.CAST
    name = factory.Sequence(lambda n: f"ACTOR {n}")


def scene_with_element(production: Production) -> dict:
    """A scene of `production` with one cast element on it, on a board of one strip."""
    scene = SceneFactory(production=production)
    element = BreakdownElementFactory(production=production)
    SceneElement.objects.create(scene=scene, element=element)
    board = Board.objects.create(production=production, name="Plan A")
    strip = Strip.objects.create(board=board, kind=StripKind.SCENE, scene=scene, position=1)
    run = OptimisationRun.objects.create(board=board, board_version=board.version, options={"time_limit": 1})
    return {"scene": scene, "element": element, "board": board, "strip": strip, "run": run}


from tests.factories.budgets import CostFactory, EstimateFactory, PurchaseOrderFactory, budget_with_costs, cost_on  # noqa: E402, F401
from tests.factories.callsheets import *  # noqa: E402, F403  (schedule data and call sheets)
from tests.factories.contracts import *  # noqa: E402, F403 - the contracts factories, one line for the merge
from tests.factories.people import PDF_BYTES, PNG_BYTES, OnboardingLinkFactory, PersonalDocumentFactory, onboarding_of  # noqa: E402, F401
from tests.factories.scheduling import *  # noqa: E402, F403
from tests.factories.two_factor import *  # noqa: E402, F403
