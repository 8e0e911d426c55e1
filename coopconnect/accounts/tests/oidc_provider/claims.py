"""The claims the provider gives about a person: e-mail (verified unless in group "unverified"),
names, and ``employee`` (in group "employees")."""

from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    # Every claim in the ID token and at the userinfo endpoint, whatever the scopes.
    oidc_claim_scope = None

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = request.user
        groups = set(user.groups.values_list("name", flat=True))
        return {
            "email": user.email,
            "email_verified": "unverified" not in groups,
            "given_name": user.first_name,
            "family_name": user.last_name,
            "employee": "employees" in groups,
        }
