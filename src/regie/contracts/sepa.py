"""SEPA credit transfer files (ISO 20022 pain.001.001.03), checked against the official schema.

The schema in `schemas/pain.001.001.03.xsd` is the ISO 20022 message definition as published
(SWIFTStandards Workstation, 2009); the Belgian banks (Febelfin guidelines) accept this version.
Building the file is a plain function of plain data; `validate` raises on any schema error.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree as ET

from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"
SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "pain.001.001.03.xsd"
# SEPA allows only the Latin characters of this set in free text (EPC guidelines).
ALLOWED = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-?:().,'+ ")


@dataclass(frozen=True)
class Transfer:
    end_to_end_id: str
    amount: Decimal
    creditor_name: str
    creditor_iban: str
    creditor_bic: str
    remittance: str


@dataclass(frozen=True)
class TransferFile:
    message_id: str
    created_at: datetime.datetime
    execution_date: datetime.date
    debtor_name: str
    debtor_iban: str
    debtor_bic: str
    transfers: list[Transfer]


def sepa_text(value: str, limit: int) -> str:
    """Free text reduced to the SEPA character set (accents dropped, others replaced by a space)."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    cleaned = "".join(ch if ch in ALLOWED else " " for ch in plain)
    return " ".join(cleaned.split())[:limit] or "-"


def iban_problem(value: str) -> str | None:
    """None when `value` is a valid IBAN, else schwifty's reason."""
    try:
        IBAN(value)
    except SchwiftyException as error:
        return str(error)
    return None


def compact_iban(value: str) -> str:
    return str(IBAN(value).compact)


def compact_bic(value: str) -> str:
    if not value.strip():
        return ""
    try:
        return str(BIC(value.strip()).compact)
    except SchwiftyException:
        return ""


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _agent(parent: ET.Element, tag: str, bic: str) -> None:
    institution = _sub(_sub(parent, tag), "FinInstnId")
    if bic:
        _sub(institution, "BIC", bic)
    else:
        # No BIC: "NOTPROVIDED", as the EPC implementation guidelines prescribe (IBAN-only SEPA).
        _sub(_sub(institution, "Othr"), "Id", "NOTPROVIDED")


def build_pain001(data: TransferFile) -> bytes:
    """The XML of one payment information block with every transfer, in EUR, SEPA service level."""
    ET.register_namespace("", NAMESPACE)
    total = sum((t.amount for t in data.transfers), Decimal(0))
    document = ET.Element(f"{{{NAMESPACE}}}Document")
    root = _sub(document, "CstmrCdtTrfInitn")
    header = _sub(root, "GrpHdr")
    _sub(header, "MsgId", data.message_id)
    _sub(header, "CreDtTm", data.created_at.replace(microsecond=0).isoformat())
    _sub(header, "NbOfTxs", str(len(data.transfers)))
    _sub(header, "CtrlSum", f"{total:.2f}")
    _sub(_sub(header, "InitgPty"), "Nm", sepa_text(data.debtor_name, 70))
    info = _sub(root, "PmtInf")
    _sub(info, "PmtInfId", f"{data.message_id}-1"[:35])
    _sub(info, "PmtMtd", "TRF")
    _sub(info, "BtchBookg", "true")
    _sub(info, "NbOfTxs", str(len(data.transfers)))
    _sub(info, "CtrlSum", f"{total:.2f}")
    _sub(_sub(_sub(info, "PmtTpInf"), "SvcLvl"), "Cd", "SEPA")
    _sub(info, "ReqdExctnDt", data.execution_date.isoformat())
    _sub(_sub(info, "Dbtr"), "Nm", sepa_text(data.debtor_name, 70))
    _sub(_sub(_sub(info, "DbtrAcct"), "Id"), "IBAN", data.debtor_iban)
    _agent(info, "DbtrAgt", data.debtor_bic)
    _sub(info, "ChrgBr", "SLEV")
    for transfer in data.transfers:
        tx = _sub(info, "CdtTrfTxInf")
        _sub(_sub(tx, "PmtId"), "EndToEndId", transfer.end_to_end_id[:35])
        _sub(_sub(tx, "Amt"), "InstdAmt", f"{transfer.amount:.2f}", Ccy="EUR")
        if transfer.creditor_bic:
            _agent(tx, "CdtrAgt", transfer.creditor_bic)
        _sub(_sub(tx, "Cdtr"), "Nm", sepa_text(transfer.creditor_name, 70))
        _sub(_sub(_sub(tx, "CdtrAcct"), "Id"), "IBAN", transfer.creditor_iban)
        _sub(_sub(tx, "RmtInf"), "Ustrd", sepa_text(transfer.remittance, 140))
    return bytes(ET.tostring(document, encoding="UTF-8", xml_declaration=True))


@functools.cache
def _schema() -> object:
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMA_PATH))


def schema_errors(xml: bytes) -> list[str]:
    """The schema's objections to `xml` (empty when valid)."""
    schema = _schema()
    return [str(error.reason or error) for error in schema.iter_errors(xml.decode())]  # type: ignore[attr-defined]
