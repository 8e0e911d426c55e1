"""JSON API endpoints of this app (mounted under /api/v1/): quotes, metered usage, invoices, payments."""

from django.db.models.fields.json import KeyTextTransform
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.responses import Status
from ninja.security import django_auth

from coopconnect.accounts.models import Organisation, User
from coopconnect.accounts.tokens import PlaceTokenAuth
from coopconnect.billing import permissions as billing_permissions
from coopconnect.billing import selectors
from coopconnect.billing.models import Invoice, Subscription, Tariff, TariffKind
from coopconnect.billing.schemas import (
    BalanceOut,
    InvoiceOut,
    PaymentIn,
    PaymentOut,
    QuoteIn,
    QuoteLineOut,
    QuoteOut,
    RefundIn,
    RefundOut,
    SubscriptionIn,
    SubscriptionOut,
    UsageIn,
    UsageOut,
)
from coopconnect.billing.services import payments, subscriptions, usage
from coopconnect.billing.services.quotes import Slot, marginal_quote_for, quote_for
from coopconnect.core import permissions
from coopconnect.core.errors import NotFound, PermissionDenied
from coopconnect.core.schemas import ErrorOut
from coopconnect.places.models import Resource

router = Router(tags=[_("billing")])


@router.post(
    "/quotes",
    response={200: QuoteOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
    summary="Devis : le prix le plus avantageux, expliqué ligne par ligne",
    description=(
        "Par défaut (mode=marginal), le devis donne ce que les créneaux AJOUTENT à la facture mensuelle "
        "de la personne : prix(réservations déjà faites du mois + créneaux) − prix(réservations déjà "
        "faites), calculé par le même code que la facturation mensuelle (abonnements, adhésions, périodes "
        "gratuites, forfaits semaine, carnets, plafonds). Un 5e jour la même semaine à Murat peut donc "
        "coûter 0 € : la semaine passe au forfait. mode=slots chiffre les créneaux seuls. Une semaine à "
        "cheval sur deux mois est facturée mois par mois (factures mensuelles) : le devis le dit dans notes."
    ),
)
def quote_create(request: HttpRequest, payload: QuoteIn) -> QuoteOut:
    user: User = request.auth  # type: ignore[attr-defined]
    slots = []
    for s in payload.slots:
        resource = Resource.objects.select_related("place").filter(pk=s.resource_id).first()
        if resource is None:
            raise NotFound(_("Ressource introuvable."), {"resource_id": [_("Ressource inconnue.")]})
        slots.append(Slot(resource=resource, start=s.start, end=s.end))
    # For whom: oneself; anyone booking at a place one hosts (every slot there); one's employees (then
    # billed to the employer, as booking_create bills it, unless employer_id says otherwise). Otherwise
    # 403 with one message whether the person exists or not: nothing is leaked.
    person = user
    places = [sl.resource.place for sl in slots]
    if payload.person_id is not None and payload.person_id != user.pk:
        person = User.objects.filter(pk=payload.person_id, is_active=True).first()
        if person is None or not billing_permissions.can_quote_for(user, person, places):
            raise PermissionDenied(
                _("Vous ne pouvez pas demander un devis pour cette personne."),
                {"person_id": [_("Personne inconnue ou hors de votre champ.")]},
            )
    employer = None
    if payload.employer_id is not None:
        employer = Organisation.objects.filter(pk=payload.employer_id).first()
        if employer is None or not employer.memberships.filter(user=person).exists():
            raise PermissionDenied(
                _("Cette personne ne fait pas partie de cet employeur."),
                {"employer_id": [_("Employeur inconnu pour cette personne.")]},
            )
    elif person.pk != user.pk and not billing_permissions.hosts_every_place(user, places):
        employer = permissions.employer_for(user, person)
    price = quote_for if payload.mode == "slots" else marginal_quote_for
    q = price(person=person, bookings_or_slots=slots, employer=employer)
    return QuoteOut(
        mode=payload.mode,
        lines=[
            QuoteLineOut(
                label=ln.label,
                reason=ln.reason,
                quantity=ln.quantity,
                unit_price=ln.unit_price,
                amount=ln.amount,
                vat_rate=ln.vat_rate,
            )
            for ln in q.lines
        ],
        total_ht=q.total_ht,
        vat=q.vat,
        total_ttc=q.total_ttc,
        mentions=q.mentions,
        notes=q.notes,
        existing_ht=q.existing_ht,
    )


@router.post(
    "/usage",
    response={201: UsageOut, 400: ErrorOut, 401: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    auth=PlaceTokenAuth(),
    summary="Consommation posée par une machine du lieu (jeton du lieu)",
)
def usage_create(request: HttpRequest, payload: UsageIn) -> Status[UsageOut]:
    place = request.auth.place  # type: ignore[attr-defined]
    record = usage.usage_record(
        place=place,
        member_code=payload.member_code,
        service_code=payload.service_code,
        quantity=payload.quantity,
        at=payload.at,
        source="machine",
        external_id=payload.external_id,
    )
    quota = usage.month_quota(
        person=record.person, place=place, service_code=record.service_code, at=record.at
    )
    return Status(
        201,
        UsageOut(
            id=record.pk,
            service_code=record.service_code,
            quantity=record.quantity,
            month_total=quota.used,
            included=quota.included,
            remaining_included=quota.remaining,
        ),
    )


def _seller_name() -> KeyTextTransform:
    """The seller's name as frozen on the invoice's document."""
    return KeyTextTransform("name", "document__seller")


def _invoice_out(inv: Invoice) -> InvoiceOut:
    return InvoiceOut(
        id=inv.pk,
        number=inv.number,
        kind=inv.kind,
        issuer=getattr(inv, "seller_name", None) or inv.issuer.name,  # as frozen at issue
        buyer_name=inv.buyer_name,
        issue_date=inv.issue_date,
        due_date=inv.due_date,
        total_ht=inv.total_ht,
        total_vat=inv.total_vat,
        total_ttc=inv.total_ttc,
        outstanding=selectors.outstanding(inv),
    )


def _visible(request: HttpRequest, invoice_id: int) -> Invoice:
    visible = billing_permissions.invoices_visible_to(request.auth)  # type: ignore[attr-defined]
    inv = visible.filter(pk=invoice_id).annotate(seller_name=_seller_name()).first()
    if inv is None:
        raise NotFound(_("Facture introuvable."))
    return inv


@router.get(
    "/invoices",
    response={200: list[InvoiceOut], 401: ErrorOut},
    auth=django_auth,
    summary="Mes factures, celles de mon employeur (admin) ou de mon lieu (hôte)",
)
def invoice_list(request: HttpRequest) -> list[InvoiceOut]:
    visible = billing_permissions.invoices_visible_to(request.auth)  # type: ignore[attr-defined]
    return [_invoice_out(i) for i in visible.annotate(seller_name=_seller_name())[:500]]


@router.get(
    "/invoices/{invoice_id}",
    response={200: InvoiceOut, 401: ErrorOut, 404: ErrorOut},
    auth=django_auth,
    summary="Une facture",
)
def invoice_detail(request: HttpRequest, invoice_id: int) -> InvoiceOut:
    return _invoice_out(_visible(request, invoice_id))


@router.get(
    "/invoices/{invoice_id}/pdf",
    response={200: None, 401: ErrorOut, 404: ErrorOut},
    auth=django_auth,
    summary="La facture en PDF Factur-X (EN 16931)",
    openapi_extra={"x-media": {"200": ["application/pdf"]}},
)
def invoice_pdf(request: HttpRequest, invoice_id: int) -> HttpResponse:
    from coopconnect.billing.views.invoices import document_response

    return document_response(_visible(request, invoice_id), "pdf")


@router.get(
    "/invoices/{invoice_id}/factur-x.xml",
    response={200: None, 401: ErrorOut, 404: ErrorOut},
    auth=django_auth,
    summary="Le XML Factur-X (CII, EN 16931) de la facture, tel qu'émis",
    openapi_extra={"x-media": {"200": ["application/xml"]}},
)
def invoice_xml(request: HttpRequest, invoice_id: int) -> HttpResponse:
    from coopconnect.billing.views.invoices import document_response

    return document_response(_visible(request, invoice_id), "cii")


@router.get(
    "/invoices/{invoice_id}/ubl.xml",
    response={200: None, 401: ErrorOut, 404: ErrorOut},
    auth=django_auth,
    summary="La facture en UBL 2.1 (EN 16931), telle qu'émise",
    openapi_extra={"x-media": {"200": ["application/xml"]}},
)
def invoice_ubl(request: HttpRequest, invoice_id: int) -> HttpResponse:
    from coopconnect.billing.views.invoices import document_response

    return document_response(_visible(request, invoice_id), "ubl")


@router.post(
    "/invoices/{invoice_id}/payments",
    response={201: PaymentOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
    summary="Enregistrer un paiement (hôte ou coordinateur de l'émetteur)",
)
def payment_create(request: HttpRequest, invoice_id: int, payload: PaymentIn) -> Status[PaymentOut]:
    inv = _visible(request, invoice_id)
    if not billing_permissions.can_manage_issuer(request.auth, inv.issuer):  # type: ignore[attr-defined]
        raise PermissionDenied(
            _("Seuls les hôtes ou coordinateurs de l'émetteur enregistrent les paiements.")
        )
    p = payments.payment_record(
        invoice=inv,
        amount=payload.amount,
        method=payload.method,
        received_on=payload.received_on,
        reference=payload.reference,
        recorded_by=request.auth,
    )  # type: ignore[attr-defined]
    return Status(
        201,
        PaymentOut(
            id=p.pk,
            amount=p.amount,
            method=p.method,
            received_on=p.received_on,
            outstanding=selectors.outstanding(inv),
        ),
    )


@router.post(
    "/invoices/{invoice_id}/refunds",
    response={201: RefundOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
    summary="Enregistrer un remboursement sur un avoir ou une facture payée en trop (hôte ou coordinateur)",
    description=(
        "invoice_id désigne un avoir (remboursement de l'avoir) ou une facture dont les paiements "
        "dépassent ce qu'elle demande après avoir (trop-perçu). Jamais plus que le montant restant de "
        "l'avoir ni que le trop-perçu : sinon 400, rien n'est enregistré. Deux remboursements "
        "simultanés sont sérialisés sur la facture d'origine (verrou) et ne peuvent pas dépasser ce plafond."
    ),
)
def refund_create(request: HttpRequest, invoice_id: int, payload: RefundIn) -> Status[RefundOut]:
    doc = _visible(request, invoice_id)
    if not billing_permissions.can_manage_issuer(request.auth, doc.issuer):  # type: ignore[attr-defined]
        raise PermissionDenied(
            _("Seuls les hôtes ou coordinateurs de l'émetteur enregistrent les remboursements.")
        )
    r = payments.refund_record(
        document=doc,
        amount=payload.amount,
        method=payload.method,
        refunded_on=payload.refunded_on,
        reference=payload.reference,
        recorded_by=request.auth,  # type: ignore[attr-defined]
    )
    return Status(
        201,
        RefundOut(
            id=r.pk,
            amount=r.amount,
            method=r.method,
            refunded_on=r.refunded_on,
            still_refundable=selectors.refundable(doc),
        ),
    )


@router.get(
    "/balance",
    response={200: BalanceOut, 401: ErrorOut},
    auth=django_auth,
    summary="Ce que je dois, et ce que doivent les employeurs que j'administre",
)
def balance(request: HttpRequest) -> BalanceOut:
    user = request.auth  # type: ignore[attr-defined]
    orgs = permissions.organisations_administered_by(user)
    return BalanceOut(
        person=selectors.balance(person=user),
        employers={o.name: selectors.balance(organisation=o) for o in orgs},
    )


def _subscription_out(sub: Subscription) -> SubscriptionOut:
    return SubscriptionOut(
        id=sub.pk,
        tariff_id=sub.tariff_id,
        tariff=sub.tariff.label,
        kind=sub.tariff.kind,
        status=sub.status,
        start=sub.start,
        end=sub.end,
        employer=sub.employer.name if sub.employer_id else None,
    )


@router.post(
    "/subscriptions",
    response={
        201: SubscriptionOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
    auth=django_auth,
    summary="M'abonner (adhésion ou abonnement d'un lieu ou d'un réseau)",
)
def subscription_create(request: HttpRequest, payload: SubscriptionIn) -> Status[SubscriptionOut]:
    user: User = request.auth  # type: ignore[attr-defined]
    if not permissions.may_book(user):
        raise PermissionDenied(_("Confirmez votre adresse e-mail avant de vous abonner."))
    tariff = (
        Tariff.objects.filter(pk=payload.tariff_id, kind__in=[TariffKind.MEMBERSHIP, TariffKind.SUBSCRIPTION])
        .select_related("place", "network")
        .first()
    )
    if tariff is None:
        raise NotFound(_("Formule introuvable."), {"tariff_id": [_("Formule introuvable.")]})
    employer = None
    if payload.employer_id is not None:
        employer = permissions.organisations_administered_by(user).filter(pk=payload.employer_id).first()
        if employer is None:
            raise NotFound(
                _("Employeur introuvable."), {"employer_id": [_("Vous n'administrez pas cet employeur.")]}
            )
    sub = subscriptions.subscribe(person=user, tariff=tariff, start=payload.start, employer=employer)
    return Status(201, _subscription_out(sub))


@router.get(
    "/subscriptions",
    response={200: list[SubscriptionOut], 401: ErrorOut},
    auth=django_auth,
    summary="Mes adhésions et abonnements",
)
def subscription_list(request: HttpRequest) -> list[SubscriptionOut]:
    subs = (
        Subscription.objects.filter(person=request.auth)  # type: ignore[attr-defined]
        .select_related("tariff", "employer")
        .order_by("-start")[:500]
    )
    return [_subscription_out(s) for s in subs]
