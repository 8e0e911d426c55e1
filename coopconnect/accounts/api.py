"""JSON API endpoints of this app (mounted under /api/v1/)."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Router, Schema
from ninja.responses import Status
from ninja.security import django_auth
from pydantic import Field

from coopconnect.accounts import selectors, services
from coopconnect.accounts.models import ApiToken, OrganisationRole, User
from coopconnect.accounts.privacy.api import router as privacy_router
from coopconnect.accounts.tokens import PlaceTokenAuth
from coopconnect.core import ratelimit
from coopconnect.core.schemas import ErrorOut
from coopconnect.territory.models import Commune

router = Router(tags=["accounts"])
router.add_router("", privacy_router)
SIGNUP_ANSWER = gettext_lazy(
    "Si cette adresse est libre, un e-mail de vérification vient d'y être envoyé. "
    "Si elle a déjà un compte, son titulaire a reçu un e-mail pour se connecter."
)


class CommuneOut(Schema):
    insee: str
    name: str
    label: str


class MeOut(Schema):
    id: int
    email: str
    first_name: str
    last_name: str
    language: str
    email_verified: bool
    home_commune: CommuneOut | None
    work_commune: CommuneOut | None = None


class MePatchIn(Schema):
    first_name: str | None = Field(default=None, max_length=150)
    last_name: str | None = Field(default=None, max_length=150)
    home_commune: str | None = Field(
        default=None, max_length=120, description="Nom, code postal ou code INSEE ; chaîne vide pour effacer."
    )
    work_commune: str | None = Field(
        default=None,
        max_length=120,
        description=(
            "Commune de travail habituelle : nom, code postal ou code INSEE ; chaîne vide pour effacer."
        ),
    )
    language: str | None = Field(default=None, description="fr ou en")


class RegisterIn(Schema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=128)
    first_name: str = Field(max_length=150)
    last_name: str = Field(default="", max_length=150)
    home_commune: str = Field(default="", max_length=120)
    language: str = "fr"


class RegisterOut(Schema):
    detail: str = Field(description="Le même message que l'adresse soit libre ou déjà inscrite.")


class MemberOut(Schema):
    id: int
    email: str
    name: str
    role: str
    invited: bool
    email_verified: bool


class OrganisationOut(Schema):
    id: int
    name: str
    role: str
    members: list[MemberOut] = Field(
        description="Les personnes de l'organisation (vide si vous n'en êtes pas administrateur)."
    )


class TokenOut(Schema):
    name: str
    prefix: str
    place_id: int
    place_slug: str
    place_name: str


def _commune_out(commune: Commune | None) -> CommuneOut | None:
    if commune is None:
        return None
    return CommuneOut(insee=commune.insee, name=commune.name, label=selectors.commune_label(commune))


def _me(user: User) -> MeOut:
    return MeOut(
        id=user.pk,
        email=user.email,
        first_name=user.first_name,
        last_name=user.last_name,
        language=user.language,
        email_verified=user.email_verified,
        home_commune=_commune_out(user.home_commune),
        work_commune=_commune_out(user.work_commune),
    )


@router.get("/me", response={200: MeOut, 401: ErrorOut}, auth=django_auth, summary="Mon profil")
def me(request: HttpRequest) -> MeOut:
    return _me(request.auth)  # type: ignore[attr-defined]


@router.patch(
    "/me",
    response={200: MeOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut},
    auth=django_auth,
    summary="Modifier mon profil",
)
def me_update(request: HttpRequest, payload: MePatchIn) -> MeOut:
    user: User = request.auth  # type: ignore[attr-defined]
    commune = user.home_commune
    if payload.home_commune is not None:
        commune = selectors.home_commune_from_text(payload.home_commune)
    work = user.work_commune
    if payload.work_commune is not None:
        work = selectors.home_commune_from_text(payload.work_commune, field="work_commune")
    services.profile_update(
        user=user,
        first_name=payload.first_name if payload.first_name is not None else user.first_name,
        last_name=payload.last_name if payload.last_name is not None else user.last_name,
        home_commune=commune,
        work_commune=work,
        language=payload.language if payload.language is not None else user.language,
    )
    return _me(user)


@router.post(
    "/auth/register",
    response={202: RegisterOut, 400: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Créer un compte (un lien de vérification est envoyé par e-mail)",
    description=(
        "Répond 202 avec le même message que l'adresse soit libre ou non : si elle a déjà un compte, "
        "rien n'est créé et son titulaire reçoit un e-mail pour se connecter."
    ),
)
def register(request: HttpRequest, payload: RegisterIn) -> Status[RegisterOut]:
    ratelimit.hit(request, "signup", email=payload.email)
    commune = selectors.home_commune_from_text(payload.home_commune)
    services.user_register(
        email=payload.email,
        password=payload.password,
        first_name=payload.first_name,
        last_name=payload.last_name,
        home_commune=commune,
        language=payload.language,
    )
    return Status(202, RegisterOut(detail=str(SIGNUP_ANSWER)))


@router.get(
    "/organisations/mine",
    response={200: list[OrganisationOut], 401: ErrorOut},
    auth=django_auth,
    summary="Mes organisations (employeurs), avec leurs personnes pour celles que j'administre",
)
def organisations_mine(request: HttpRequest) -> list[OrganisationOut]:
    user: User = request.auth  # type: ignore[attr-defined]
    out = []
    for membership in selectors.memberships_of(user):
        members: list[MemberOut] = []
        if membership.role == OrganisationRole.ADMIN:
            members = [
                MemberOut(
                    id=m.user.pk,
                    email=m.user.email,
                    name=m.user.get_full_name(),
                    role=m.role,
                    invited=m.user.is_invited,
                    email_verified=m.user.email_verified,
                )
                for m in selectors.organisation_memberships(membership.organisation)
            ]
        out.append(
            OrganisationOut(
                id=membership.organisation.pk,
                name=membership.organisation.name,
                role=membership.role,
                members=members,
            )
        )
    return out


@router.get(
    "/tokens/current",
    response={200: TokenOut, 401: ErrorOut},
    auth=PlaceTokenAuth(),
    summary="Le jeton de lieu utilisé (pour vérifier la configuration d'une machine)",
)
def token_current(request: HttpRequest) -> TokenOut:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    return TokenOut(
        name=token.name,
        prefix=token.prefix,
        place_id=token.place_id,
        place_slug=token.place.slug,
        place_name=token.place.name,
    )
