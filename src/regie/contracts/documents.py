"""Making the documents: contract PDFs (WeasyPrint), contracts from Word templates (docxtpl),
settlement sheets; and checking uploaded Word templates and signed scans."""

from __future__ import annotations

import hashlib
import io
import logging
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from regie.contracts.merge import MERGE_FIELDS, merge_values, render_clauses
from regie.core.feedback import Refused
from regie.core.uploads import sniff_scan

if TYPE_CHECKING:
    from regie.contracts.models import Contract, Settlement
    from regie.people.models import PersonalData

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
MAX_SCAN_BYTES = 10 * 1024 * 1024

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderedDocument:
    content: bytes
    content_type: str
    filename: str

    @property
    def sha256(self) -> str:
        return sha256(self.content)


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


STYLESHEET = Path(__file__).resolve().parent / "pdf" / "documents.css"


def html_to_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML  # imported late: it loads Pango, which the web pages do not need

    return bytes(HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))]))


def contract_html(contract: Contract, personal: PersonalData | None) -> str:
    """The contract as the HTML the PDF is made of, in the contract's language."""
    with translation.override(contract.language):
        values = merge_values(contract, personal)
        clauses = render_clauses(contract.template.clauses, contract.clauses, values)
        return render_to_string(
            "contracts/pdf/contract.html",
            {
                "contract": contract,
                "clauses": clauses,
                "values": values,
                "shipped": contract.template.organisation_id is None,
            },
        )


def render_contract(contract: Contract, personal: PersonalData | None) -> RenderedDocument:
    """The document to send: a PDF; from an uploaded Word template, the filled-in .docx turned into
    a PDF by LibreOffice, or the .docx itself on a server without LibreOffice."""
    stem = f"{contract.reference}-v{contract.revision}-{contract.language}"
    if contract.template.is_word:
        with translation.override(contract.language):
            values = merge_values(contract, personal)
        filled = render_docx(bytes(contract.template.docx or b""), values)
        if not can_convert_word():
            return RenderedDocument(filled, DOCX, f"{stem}.docx")
        return RenderedDocument(docx_to_pdf(filled), PDF, f"{stem}.pdf")
    return RenderedDocument(html_to_pdf(contract_html(contract, personal)), PDF, f"{stem}.pdf")


def can_convert_word() -> bool:
    """Whether this server has LibreOffice to turn Word documents into PDF (REGIE_SOFFICE)."""
    return bool(settings.REGIE_SOFFICE) and Path(settings.REGIE_SOFFICE).exists()


def docx_to_pdf(data: bytes) -> bytes:
    """A Word document as PDF, by LibreOffice Writer without a screen.

    Each conversion has its own LibreOffice profile in a temporary folder, so conversions in
    parallel requests or workers do not wait for one another's lock; the timeout
    (REGIE_SOFFICE_TIMEOUT) stops a document that hangs it.
    """
    with tempfile.TemporaryDirectory(prefix="regie-soffice-") as folder:
        work = Path(folder)
        source = work / "contract.docx"
        source.write_bytes(data)
        command = [
            settings.REGIE_SOFFICE,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        try:
            finished = subprocess.run(command, capture_output=True, timeout=settings.REGIE_SOFFICE_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            logger.error("LibreOffice could not convert a contract: %s", error)
            raise Refused(
                _("The Word contract could not be turned into a PDF (LibreOffice did not answer). Nothing was sent.")
            ) from None
        result = work / "out" / "contract.pdf"
        if finished.returncode != 0 or not result.exists() or not result.read_bytes().startswith(b"%PDF"):
            logger.error(
                "LibreOffice failed on a contract (exit %s): %s",
                finished.returncode,
                finished.stderr.decode(errors="replace")[-500:],
            )
            raise Refused(
                _("The Word contract could not be turned into a PDF: check the template in Word. Nothing was sent.")
            )
        return result.read_bytes()


def render_docx(template: bytes, values: dict[str, str]) -> bytes:
    from docxtpl import DocxTemplate

    document = DocxTemplate(io.BytesIO(template))
    document.render(values, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def check_word_template(data: bytes) -> set[str]:
    """Refuse what is not a usable .docx; return the merge fields it uses that Regie does not know."""
    if len(data) > MAX_TEMPLATE_BYTES:
        raise Refused(_("The Word template is larger than 5 MB."))
    if not data.startswith(b"PK") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise Refused(_("This is not a Word document (.docx)."))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/document.xml" not in archive.namelist():
            raise Refused(_("This is not a Word document (.docx)."))
    from docxtpl import DocxTemplate

    try:
        names = DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables()
    except Exception as error:  # noqa: BLE001 - jinja2 and lxml raise many kinds; all mean a broken template
        raise Refused(_("The Word template has a mistake in its merge fields: %(error)s") % {"error": error}) from None
    return set(names) - set(MERGE_FIELDS)


def check_scan(data: bytes) -> tuple[str, str]:
    """The content type and extension of a signed scan, judged by its bytes (PDF, JPEG or PNG)."""
    if not data:
        raise Refused(_("The file is empty."))
    if len(data) > MAX_SCAN_BYTES:
        raise Refused(_("The signed copy is larger than 10 MB."))
    found = sniff_scan(data)
    if found:
        return found
    raise Refused(_("The signed copy must be a PDF, JPEG or PNG file."))


def settlement_pdf(settlement: Settlement, language: str) -> bytes:
    with translation.override(language):
        html = render_to_string(
            "contracts/pdf/settlement.html", {"settlement": settlement, "contract": settlement.contract}
        )
    return html_to_pdf(html)


def preview_context(contract: Contract, personal: PersonalData | None) -> dict[str, Any]:
    with translation.override(contract.language):
        values = merge_values(contract, personal)
        return {
            "clauses": render_clauses(contract.template.clauses, contract.clauses, values),
            "values": values,
            "goes_as_word": contract.template.is_word and not can_convert_word(),
        }
