from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from regie.accounts.models import Invitation, Organisation, OrganisationMembership, User, hash_token
from regie.accounts.roles import OrganisationRole, Role
from regie.people.models import Contact, ContactKind, Engagement, EngagementStatus
from regie.productions.models import KeyContact, Kind, Phase, Production, ProductionMembership

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
