from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from regie.accounts.models import hash_token
from regie.people import files
from regie.people.models import DocumentKind, Engagement, OnboardingLink, PersonalDocument

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class PersonalDocumentFactory(factory.django.DjangoModelFactory):
    """A passport of a contact; pass `content=<bytes>` to store a scan in the private storage."""

    class Meta:
        model = PersonalDocument

    class Params:
        content = None

    contact = factory.SubFactory("tests.factories.ContactFactory")
    kind = DocumentKind.PASSPORT
    number = factory.Sequence(lambda n: f"EM{n:07d}")
    issuing_country = "BE"
    valid_until = datetime.date(2030, 1, 1)
    file_name = factory.LazyAttribute(lambda o: files.store(o.content) if o.content else "")
    original_name = factory.LazyAttribute(lambda o: "passport.pdf" if o.content else "")
    content_type = factory.LazyAttribute(lambda o: files.sniff(o.content) or "" if o.content else "")
    size = factory.LazyAttribute(lambda o: len(o.content) if o.content else 0)


class OnboardingLinkFactory(factory.django.DjangoModelFactory):
    """A usable link; pass `token` to know the URL (only its hash is stored)."""

    class Meta:
        model = OnboardingLink

    class Params:
        token = factory.Sequence(lambda n: f"onboarding-token-{n}")

    contact = factory.SubFactory("tests.factories.ContactFactory")
    production = factory.SubFactory("tests.factories.ProductionFactory")
    language = "fr"
    email = factory.LazyAttribute(lambda o: o.contact.email or "someone@example.be")
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.token))
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


def onboarding_of(engagement: Engagement, token: str) -> dict:
    """A usable onboarding link for the engaged person, and one passport of theirs with a scan."""
    link = OnboardingLinkFactory(contact=engagement.contact, production=engagement.production, token=token)
    document = PersonalDocumentFactory(contact=engagement.contact, content=PDF_BYTES)
    return {"link": link, "document": document}
