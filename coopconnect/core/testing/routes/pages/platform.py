"""Who may open the platform's own pages, the directory of places and the account pages."""

from __future__ import annotations

from coopconnect.core.testing.routes.access import SECRET_LINK, Access, owned, public, signed_in
from coopconnect.core.testing.routes.params import organisation_pk, place_slug, reset_token, uid

PAGES: dict[str, Access] = {
    # Platform
    "set_language": public("language switch, in every page footer"),
    "healthz": public("load-balancer health check, says nothing but 'ok'"),
    "health": public("monitoring: database, cache and task queue lag, no data about anyone"),
    "api:openapi-json": public("API documentation (schema)"),
    "api:openapi-view": public("API documentation (Swagger UI)"),
    "api:api-root": public("API root"),
    "core:privacy_policy": public("privacy policy, linked in every page footer"),
    "core:legal_notice": public("legal notice (mentions légales), linked in every page footer"),
    "core:accessibility_statement": public("accessibility statement (RGAA), linked in every page footer"),
    # Directory (places)
    "places:home": public("directory home page"),
    "places:search": public("directory search"),
    "places:commune_options": public("commune autocomplete of the public search form"),
    "places:map_points": public("points of the public map"),
    "places:place": public("public page of a place", place_slug),
    "places:photo_edit": owned(place_slug, owner="host"),
    "places:photo": public(
        "a published place's photo (WebP file)",
        lambda w: {"slug": w.place.slug, "name": w.place.photo.name.rsplit("/", 1)[-1]},
    ),
    "places:network": public("public page of a network", lambda w: {"slug": w.network.slug}),
    # Accounts
    "accounts:login": public("login"),
    "accounts:logout": public("logout (POST; harmless for anonymous)"),
    "accounts:signup": public("signup"),
    "accounts:signup_done": public("signup confirmation message"),
    "accounts:verify_email": public(SECRET_LINK, lambda w: {"token": w.verify_token}),
    "accounts:password_reset": public("password reset request"),
    "accounts:password_reset_done": public("password reset: mail sent"),
    "accounts:password_reset_confirm": public(SECRET_LINK, lambda w: w.reset_kwargs()),
    "accounts:password_reset_complete": public("password reset: done"),
    "accounts:invitation_accept": public(
        SECRET_LINK, lambda w: {"uidb64": uid(w.invited), "token": reset_token(w.invited)}
    ),
    "accounts:resend_verification": signed_in(),
    "accounts:profile": signed_in(),
    "dashboard:home": signed_in(reason="everyone's home; each section shows only the person's own roles"),
    "accounts:organisations": signed_in(),
    "accounts:organisation_detail": owned(organisation_pk, owner="member"),
    "accounts:organisation_invite": owned(organisation_pk, owner="member"),
    "accounts:organisation_member_remove": owned(
        lambda w: {"pk": w.organisation.pk, "membership_pk": w.employee_membership.pk}, owner="member"
    ),
    "accounts:privacy": signed_in(reason="my own data only"),
    "accounts:privacy_export": signed_in(reason="my own data only"),
    "accounts:privacy_erase": signed_in(reason="my own account only, with my password"),
    "accounts:privacy_erased": public("confirmation after an erasure; names nobody"),
    "accounts:tokens": signed_in(owner="host", also_refused=("outsider",), reason="managers of a place only"),
    "accounts:token_create": signed_in(owner="host", also_refused=("outsider",), reason="managers only"),
    "accounts:token_revoke": owned(lambda w: {"pk": w.token.pk}, owner="host"),
    "accounts:personal_tokens": signed_in(reason="my own API tokens only"),
    "accounts:personal_token_create": signed_in(reason="a token for myself only"),
    "accounts:personal_token_revoke": owned(lambda w: {"pk": w.personal_token.pk}, owner="member"),
    "accounts:oauth_access_withdraw": owned(lambda w: {"pk": w.oauth_app.pk}, owner="member"),
    # Single sign-on (allauth): the buttons of the login page post there; the provider answers there.
    "openid_connect_login": public(
        "starts a sign-in at a configured provider", lambda w: {"provider_id": "x"}
    ),
    "openid_connect_callback": public(
        "a provider's answer; refused without its state", lambda w: {"provider_id": "x"}
    ),
    "socialaccount_login_cancelled": public("a provider's sign-in was cancelled"),
    "socialaccount_login_error": public("a provider's sign-in failed"),
    "socialaccount_signup": public("finishing a provider's sign-in (only with one pending)"),
    "account_login": public("allauth's name for the login page: redirects there"),
    "account_signup": public("allauth's name for the sign-up page: redirects there"),
    # OAuth2 (django-oauth-toolkit): the consent page asks for a login; the others answer apps.
    "oauth2_provider:authorize": public("consent page: sends anonymous people to the login page"),
    "oauth2_provider:token": public("OAuth2 token endpoint: apps authenticate with their client id"),
    "oauth2_provider:revoke-token": public("OAuth2 token revocation: apps authenticate there"),
    "oauth2_provider:introspect": public("OAuth2 introspection: a token holder asks about a token"),
}

# The Django admin guards every view itself (staff only); these two are its own login and logout.
ADMIN_PUBLIC = {"admin:login", "admin:logout"}
ADMIN_PARAM_VALUES = {"app_label": "accounts", "object_id": "1", "content_type_id": "1", "url": "x"}
