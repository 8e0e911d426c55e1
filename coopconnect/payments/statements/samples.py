"""Write small CAMT.053 and MT940 statements: fixtures for the tests, the benchmark and the demo."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

CAMT_NS = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"


@dataclass(frozen=True)
class Movement:
    booked_on: date
    amount: Decimal
    credit: bool = True
    text: str = ""
    structured: str = ""
    end_to_end: str = ""
    return_reason: str = ""
    counterparty: str = "Client"
    bank_ref: str = ""


def _entry(m: Movement, n: int) -> str:
    refs = f"<AcctSvcrRef>{escape(m.bank_ref or f'BK{n:08d}')}</AcctSvcrRef>"
    if m.end_to_end:
        refs += f"<EndToEndId>{escape(m.end_to_end)}</EndToEndId>"
    rmt = ""
    if m.text:
        rmt += f"<Ustrd>{escape(m.text)}</Ustrd>"
    if m.structured:
        rmt += (
            "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp>"
            f"<Ref>{escape(m.structured)}</Ref></CdtrRefInf></Strd>"
        )
    party = "Dbtr" if m.credit else "Cdtr"
    rtr = f"<RtrInf><Rsn><Cd>{m.return_reason}</Cd></Rsn></RtrInf>" if m.return_reason else ""
    return (
        f'<Ntry><Amt Ccy="EUR">{m.amount:.2f}</Amt><CdtDbtInd>{"CRDT" if m.credit else "DBIT"}</CdtDbtInd>'
        f"<Sts>BOOK</Sts><BookgDt><Dt>{m.booked_on.isoformat()}</Dt></BookgDt>"
        f"<ValDt><Dt>{m.booked_on.isoformat()}</Dt></ValDt><BkTxCd/>"
        f"<NtryDtls><TxDtls><Refs>{refs}</Refs>"
        f"<RltdPties><{party}><Nm>{escape(m.counterparty)}</Nm></{party}></RltdPties>"
        f"{f'<RmtInf>{rmt}</RmtInf>' if rmt else ''}{rtr}</TxDtls></NtryDtls></Ntry>"
    )


def camt053(movements: list[Movement], *, iban: str, statement_id: str = "STMT-1") -> bytes:
    """Return a CAMT.053.001.02 statement of ``iban`` holding these movements."""
    entries = "".join(_entry(m, i) for i, m in enumerate(movements, start=1))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Document xmlns="{CAMT_NS}"><BkToCstmrStmt>'
        f"<GrpHdr><MsgId>{escape(statement_id)}</MsgId><CreDtTm>2026-11-30T18:00:00</CreDtTm></GrpHdr>"
        f"<Stmt><Id>{escape(statement_id)}</Id><CreDtTm>2026-11-30T18:00:00</CreDtTm>"
        f"<Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>{entries}</Stmt></BkToCstmrStmt></Document>"
    ).encode()


def mt940(movements: list[Movement], *, account: str, statement_id: str = "STMT-1") -> bytes:
    """Return an MT940 statement of ``account`` holding these movements."""
    lines = [f":20:{statement_id}", f":25:{account}", ":28C:00001/001", ":60F:C261101EUR0,00"]
    for i, m in enumerate(movements, start=1):
        day = m.booked_on.strftime("%y%m%d")
        amount = f"{m.amount:.2f}".replace(".", ",")
        kind = "NTRF" if m.credit else "NDDT"
        lines.append(
            f":61:{day}{day[2:]}{'C' if m.credit else 'D'}{amount}{kind}NONREF//{m.bank_ref or f'BK{i:08d}'}"
        )
        text = " ".join(
            p
            for p in (m.text, m.structured, f"EREF/{m.end_to_end}" if m.end_to_end else "", m.return_reason)
            if p
        )
        lines.append(f":86:{text or 'VIREMENT'}")
    lines.append(":62F:C261130EUR0,00")
    return ("\r\n".join(lines) + "\r\n").encode()
