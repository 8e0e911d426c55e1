"""Bank statements read into plain lines: CAMT.053 (ISO 20022 XML) and MT940 (SWIFT text).

Parsing never writes: ``parse`` returns a :class:`ParsedStatement` or raises ``DomainError`` with a
French message, so a file that cannot be read leaves nothing behind.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError
from coopconnect.payments.statements import camt, mt940
from coopconnect.payments.statements.lines import RETURN_CODES, ParsedLine, ParsedStatement

__all__ = ["RETURN_CODES", "ParsedLine", "ParsedStatement", "parse"]


def parse(content: bytes, fmt: str) -> ParsedStatement:
    """Read a statement file of the given format ("camt053" or "mt940")."""
    if fmt == "camt053":
        statement = camt.parse(content)
    elif fmt == "mt940":
        statement = mt940.parse(content)
    else:
        raise DomainError(_("Format de relevé inconnu."), {"format": [_("Choisissez CAMT.053 ou MT940.")]})
    if not statement.lines:
        raise DomainError(
            _("Ce relevé ne contient aucune opération : rien n'a été importé."),
            {"file": [_("Relevé sans opération.")]},
        )
    return statement
