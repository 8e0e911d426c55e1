"""Mandates: IBAN and BIC checked, one live per debtor and creditor, only for oneself or one's employer."""

from __future__ import annotations

import pytest

from coopconnect.accounts.models import Organisation
from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.payments.models import Mandate
from coopconnect.payments.services.mandates import creditor_set, mandate_revoke, mandate_sign
from coopconnect.payments.tests.conftest import MEMBER_IBAN, ORG_IBAN


def sign(issuer, who, **kw):
    data = {"holder_name": "Marie Membre", "iban": MEMBER_IBAN, "accepted": True, **kw}
    return mandate_sign(issuer=issuer, signed_by=who, **data)


def test_signing_stores_a_unique_reference_and_the_bank_bic(issuer, member):
    mandate = sign(issuer, member, iban="fr14 2004 1010 0505 0001 3m02 606")
    assert mandate.iban == MEMBER_IBAN and mandate.person == member and mandate.is_live
    assert mandate.bic == "PSSTFRPP"  # La Banque Postale, from the IBAN's bank code 20041
    assert len(mandate.reference) <= 35 and mandate.reference.startswith(f"BAT-{issuer.pk}-")


@pytest.mark.parametrize(
    ("iban", "message"),
    [
        ("XX1420041010050500013M02606", "Pays inconnu"),
        ("FR1420041010050500013M02607", "IBAN invalide"),
        ("BR1800360305000010009795493C1", "zone SEPA"),
    ],
)
def test_bad_iban_is_refused_in_french(issuer, member, iban, message):
    with pytest.raises(DomainError, match=message):
        sign(issuer, member, iban=iban)
    assert not Mandate.objects.exists()


def test_text_must_be_accepted_and_holder_given(issuer, member):
    with pytest.raises(DomainError, match="accepter le texte"):
        sign(issuer, member, accepted=False)
    with pytest.raises(DomainError, match="titulaire"):
        sign(issuer, member, holder_name="  ")


def test_a_new_mandate_replaces_the_live_one(issuer, member):
    first = sign(issuer, member)
    second = sign(issuer, member, iban=ORG_IBAN)
    first.refresh_from_db()
    assert first.revoked_on is not None and second.is_live
    assert Mandate.objects.filter(revoked_on__isnull=True).count() == 1


def test_employer_mandate_only_by_its_admin(issuer, member, outsider, employer):
    mandate = sign(issuer, member, organisation=employer, iban=ORG_IBAN)
    assert mandate.organisation == employer and mandate.person is None
    with pytest.raises(PermissionDenied, match="quelqu'un d'autre|vous-même"):
        sign(issuer, outsider, organisation=employer)
    stranger_org = Organisation.objects.create(name="Autre SARL")
    with pytest.raises(PermissionDenied):
        sign(issuer, member, organisation=stranger_org)
    assert Mandate.objects.count() == 1


def test_revocation_by_the_debtor_only(issuer, member, outsider):
    mandate = sign(issuer, member)
    with pytest.raises(PermissionDenied):
        mandate_revoke(mandate=mandate, by=outsider)
    mandate_revoke(mandate=mandate, by=member)
    with pytest.raises(Conflict):
        mandate_revoke(mandate=mandate, by=member)


def test_issuer_without_creditor_identifier_cannot_be_signed_for(other_place, member, nov_3):
    from coopconnect.payments.tests.conftest import make_issuer

    bare = make_issuer(other_place, prefix="OTH")
    with pytest.raises(DomainError, match="identifiant créancier"):
        sign(bare, member)
    with pytest.raises(DomainError, match="invalide"):
        creditor_set(issuer=bare, identifier="FR00ZZZ123456")


def test_data_rights_export_and_erasure(issuer, member):
    from coopconnect.payments.selectors import personal_data
    from coopconnect.payments.services.privacy import anonymise_person

    mandate = sign(issuer, member)
    rows = personal_data(member).tables["sepa_mandates"]
    assert [r["reference"] for r in rows] == [mandate.reference] and rows[0]["iban"] == MEMBER_IBAN
    anonymise_person(person=member)
    mandate.refresh_from_db()
    assert mandate.revoked_on is not None
