"""Who may open the booking and billing pages."""

from __future__ import annotations

from coopconnect.core.testing.routes.access import SECRET_LINK, Access, owned, public, signed_in
from coopconnect.core.testing.routes.params import booking_pk, invoice_pk, place_slug

PAGES: dict[str, Access] = {
    # Bookings
    "bookings:find": public("free-slot search across the networks"),
    "bookings:confirm": signed_in(lambda w: {"resource_id": w.seats.pk}, reason="anyone signed in may book"),
    "bookings:waitlist": signed_in(lambda w: {"resource_id": w.seats.pk}, reason="anyone may wait"),
    "bookings:hold": owned(lambda w: {"pk": w.hold.pk}, owner="member"),
    "bookings:waitlist_leave": owned(lambda w: {"pk": w.hold.entry_id}, owner="member"),
    "bookings:mine": signed_in(),
    "bookings:detail": owned(booking_pk, owner="member"),
    "bookings:cancel": owned(booking_pk, owner="member"),
    "bookings:modify": owned(booking_pk, owner="member"),
    "bookings:approve": owned(booking_pk, owner="host"),
    "bookings:reject": owned(booking_pk, owner="host"),
    "bookings:checkin": signed_in(reason="a member records their own arrival with their code"),
    "bookings:place_slots": public("public free slots of a place", place_slug),
    "bookings:place_week": public("public free and busy half-days of a place's week", place_slug),
    "bookings:host_day": owned(place_slug, owner="host"),
    "bookings:host_week": owned(place_slug, owner="host"),
    "bookings:walk_in": owned(place_slug, owner="host"),
    "bookings:occupancy": owned(lambda w: {"slug": w.network.slug}, owner="coordinator"),
    "bookings:calendars": signed_in(),
    "bookings:feed": public(SECRET_LINK, lambda w: {"token": w.feed.token}),
    # Billing
    "billing:invoices": signed_in(),
    "billing:invoice_detail": owned(invoice_pk, owner="member"),
    "billing:invoice_pdf": owned(invoice_pk, owner="member"),
    "billing:invoice_xml": owned(invoice_pk, owner="member"),
    "billing:invoice_ubl": owned(invoice_pk, owner="member"),
    "billing:payment_add": owned(invoice_pk, owner="host"),
    "billing:credit_note_add": owned(invoice_pk, owner="host"),
    "billing:refund_add": owned(invoice_pk, owner="host"),
    "billing:issuer_invoices": owned(lambda w: {"pk": w.issuer.pk}, owner="host"),
    "billing:issuer_export": owned(lambda w: {"pk": w.issuer.pk}, owner="host"),
    "billing:issuer_ereporting": owned(lambda w: {"pk": w.issuer.pk}, owner="host"),
    "billing:issuer_identity": owned(lambda w: {"pk": w.issuer.pk}, owner="host"),
    "billing:run_preview": owned(lambda w: {"pk": w.issuer.pk}, owner="host"),
    "billing:run_start": owned(lambda w: {"pk": w.issuer.pk}, owner="host"),
    "billing:run_progress": owned(lambda w: {"pk": w.issuer.pk, "month": "2020-01"}, owner="host"),
    "billing:quote": signed_in(),
    "billing:tariffs": public("public price list of a place", place_slug),
    "billing:usage": owned(place_slug, owner="host"),
    "billing:subscribe": signed_in(place_slug, reason="anyone signed in may subscribe themself"),
    "billing:subscriptions": owned(place_slug, owner="host"),
    "billing:subscription_action": owned(
        lambda w: {"slug": w.place.slug, "pk": w.subscription.pk}, owner="host"
    ),
    # SEPA direct debit and bank reconciliation
    "payments:mandates": signed_in(reason="anyone signed in signs their own mandates"),
    "payments:mandate_revoke": owned(lambda w: {"pk": w.mandate.pk}, owner="member"),
    "payments:collections": owned(lambda w: {"pk": w.issuer.pk}, owner="host"),
    "payments:collection_detail": owned(lambda w: {"pk": w.collection.pk}, owner="host"),
    "payments:collection_file": owned(lambda w: {"pk": w.collection.pk}, owner="host"),
    "payments:reconciliation": owned(lambda w: {"pk": w.issuer.pk}, owner="host"),
}
