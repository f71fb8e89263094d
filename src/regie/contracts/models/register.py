"""The register of documents a production must hold: rights, portrait releases, broadcast sheets, insurance."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Organisation
from regie.contracts.models.contracts import Contract
from regie.people.models import Engagement
from regie.productions.models import Production


class DocumentKind(models.TextChoices):
    RIGHTS_CESSION = "rights_cession", _("Rights cession")
    LICENCE = "licence", _("Licence")
    PORTRAIT_RELEASE = "portrait_release", _("Portrait-rights release")
    BROADCAST_SHEET = "broadcast_sheet", _("Technical data sheet for broadcast")
    INSURANCE = "insurance", _("Insurance certificate")


class WorkKind(models.TextChoices):
    MUSIC = "music", _("Music")
    IMAGES = "images", _("Images")
    TEXT = "text", _("Text")
    FOOTAGE = "footage", _("Footage")
    OTHER = "other", _("Other")


class DocumentStatus(models.TextChoices):
    MISSING = "missing", _("Missing")
    REQUESTED = "requested", _("Requested")
    RECEIVED = "received", _("Received")
    NOT_NEEDED = "not_needed", _("Not needed")


class RequiredDocument(models.Model):
    """One document the production must hold, with who provides it and until when it is valid."""

    audit_exclude = frozenset({"production", "version"})

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="required_documents")
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="required_documents",
    )
    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    work_kind = models.CharField(_("work"), max_length=20, choices=WorkKind.choices, blank=True)
    rights_holder = models.CharField(_("rights holder"), max_length=200, blank=True)
    territory = models.CharField(_("territory"), max_length=200, blank=True)
    duration = models.CharField(_("duration"), max_length=200, blank=True)
    media = models.CharField(_("media"), max_length=300, blank=True)
    broadcast_format = models.CharField(_("format"), max_length=200, blank=True)
    loudness = models.CharField(
        _("loudness"), max_length=100, blank=True, help_text=_("For example -23 LUFS (EBU R128).")
    )
    subtitles = models.CharField(_("subtitles"), max_length=200, blank=True)
    provider = models.CharField(_("to be provided by"), max_length=200, blank=True)
    needed_by = models.DateField(_("needed by"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.MISSING
    )
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mandatory document")
        verbose_name_plural = _("mandatory documents")
        ordering = ["kind", "title", "pk"]
        indexes = [models.Index(fields=["production", "kind"])]

    def __str__(self) -> str:
        return self.title

    def audit_organisation(self) -> Organisation:
        return self.production.organisation

    def audit_production(self) -> Production:
        return self.production
