"""The HTTP side of a delivery: refuse addresses inside the network (SSRF), then POST once.

A URL's host name is resolved once and the connection made to that very address (TLS still checks
the name), so a name that resolves to a public address when checked and to 127.0.0.1 when connecting
cannot reach inside. Redirections are not followed. ``WEBHOOKS_ALLOW_LOCAL`` (tests, development)
lets private and loopback addresses and plain ``http`` through.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from coopconnect.core.errors import DomainError

USER_AGENT = "Coop-connect-Webhooks/1"
MAX_READ = 4096


def _allow_local() -> bool:
    return bool(getattr(settings, "WEBHOOKS_ALLOW_LOCAL", False))


def _refused(message: str) -> DomainError:
    return DomainError(message, {"url": [message]})


def check_url(url: str) -> None:
    """Refuse a URL that production would not call: not https, credentials in it, odd port."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise _refused("L'adresse doit commencer par https:// et nommer un serveur.")
    if parts.scheme == "http" and not _allow_local():
        raise _refused("Seules les adresses https:// sont acceptées.")
    if parts.username or parts.password:
        raise _refused("L'adresse ne doit pas contenir d'identifiant ni de mot de passe.")
    try:
        port = parts.port
    except ValueError as exc:
        raise _refused("Le port de l'adresse est invalide.") from exc
    if port is not None and not _allow_local() and port not in (443, 8443):
        raise _refused("Seuls les ports 443 et 8443 sont acceptés.")
    try:
        ip = ipaddress.ip_address(parts.hostname)
    except ValueError:
        return
    check_address(ip)


def check_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> None:
    """Refuse a private, loopback, link-local, multicast or reserved address (unless allowed)."""
    if _allow_local():
        return
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if not ip.is_global or ip.is_multicast:
        raise _refused("Cette adresse désigne un réseau privé : elle ne peut pas recevoir de webhooks.")


def resolve(host: str, port: int) -> str:
    """Return the first address of ``host`` after checking every address it resolves to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise _refused("Ce nom de serveur est introuvable.") from exc
    addresses = [str(info[4][0]) for info in infos]
    for address in addresses:
        check_address(ipaddress.ip_address(address.split("%")[0]))
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        self._ctx = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self._ctx)
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._ctx.wrap_socket(raw, server_hostname=self.host)


@dataclass(frozen=True)
class Outcome:
    """What one POST got: a status code (None when nothing answered), the time it took, an error."""

    status: int | None
    duration_ms: int
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def post(url: str, *, body: bytes, headers: dict[str, str], timeout: float) -> Outcome:
    """POST ``body`` to ``url`` once, never to an address inside the network."""
    started = time.monotonic()

    def outcome(status: int | None, error: str = "") -> Outcome:
        return Outcome(status=status, duration_ms=int((time.monotonic() - started) * 1000), error=error[:300])

    try:
        check_url(url)
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = resolve(host, port)
        cls = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
        conn = cls(host, port, address, timeout)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            conn.request(
                "POST",
                path,
                body=body,
                headers={**headers, "Content-Type": "application/json", "User-Agent": USER_AGENT},
            )
            response = conn.getresponse()
            response.read(MAX_READ)
            return outcome(response.status)
        finally:
            conn.close()
    except DomainError as exc:
        return outcome(None, exc.message)
    except (OSError, http.client.HTTPException) as exc:
        return outcome(None, f"{type(exc).__name__}: {exc}")
