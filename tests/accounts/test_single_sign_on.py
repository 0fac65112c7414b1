"""Single sign-on through OpenID Connect, against a real provider on the live test server.

PAT (the relying party) answers on http://localhost:PORT, the provider on
http://127.0.0.1:PORT: two origins, so two sets of cookies, as with a real
provider. Every step is real HTTP: the browser's redirects (a `requests`
session here), and PAT's own calls to the provider's token, JWKS and userinfo
endpoints.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

CLIENT_ID = "pat-test-client"
CLIENT_SECRET = "pat-test-client-secret-long-enough-0123456789"
PROVIDER_PASSWORD = "provider-pass-phrase-91"


def private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@pytest.fixture
def sso(live_server: Any, settings: Any) -> Iterator[dict[str, str]]:
    from oauth2_provider.models import get_application_model

    pat_url = live_server.url.replace("127.0.0.1", "localhost")
    provider = pat_url.replace("localhost", "127.0.0.1") + "/o"
    settings.OAUTH2_PROVIDER = {
        "OIDC_ENABLED": True,
        "OIDC_RSA_PRIVATE_KEY": private_key_pem(),
        "OAUTH2_VALIDATOR_CLASS": "tests.accounts.sso_provider.DirectoryValidator",
        "SCOPES": {"openid": "OpenID Connect", "email": "E-mail", "profile": "Profile"},
    }
    # What PAT_OIDC_* in the environment turn on (see pat/settings.py).
    settings.PAT_OIDC_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "pat.accounts.oidc.PatOIDCBackend",
    ]
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid email profile"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/.well-known/jwks.json"
    settings.OIDC_USE_PKCE = True
    settings.OIDC_CREATE_USER = False
    settings.OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
    settings.LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/"
    settings.ROOT_URLCONF = "tests.accounts.sso_provider"

    get_application_model().objects.create(
        name="PAT",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        client_type="confidential",
        authorization_grant_type="authorization-code",
        redirect_uris=f"{pat_url}/accounts/sso/callback/",
        algorithm="RS256",
        skip_authorization=True,
    )
    for username in ("idp-amina", "idp-stranger", "idp-unverified"):
        UserFactory(username=username, email="", password=PROVIDER_PASSWORD)
    yield {"pat": pat_url, "provider": provider}


def sign_on(browser: requests.Session, pat_url: str, provider_account: str) -> requests.Response:
    """Click the button on PAT's sign-in page, then sign in at the provider."""
    page = browser.get(f"{pat_url}/accounts/login/")
    button = re.search(r'href="(/accounts/sso/start/[^"]*)"', page.text)
    assert button is not None, "the sign-in page offers single sign-on"
    provider_login = browser.get(pat_url + button.group(1).replace("&amp;", "&"))
    assert provider_login.url.startswith(pat_url.replace("localhost", "127.0.0.1"))
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', provider_login.text)
    next_url = re.search(r'name="next" value="([^"]+)"', provider_login.text)
    assert csrf is not None and next_url is not None
    return browser.post(
        provider_login.url,
        data={
            "csrfmiddlewaretoken": csrf.group(1),
            "username": provider_account,
            "password": PROVIDER_PASSWORD,
            "next": next_url.group(1).replace("&amp;", "&"),
        },
        timeout=30,
    )


def test_a_person_signs_on_through_the_provider_and_lands_in_her_own_account(
    sso: dict[str, str],
) -> None:
    amina = UserFactory(username="amina", email="amina@example.org")
    UserFactory(username="someone-else", email="someone@example.org")
    browser = requests.Session()
    landed = sign_on(browser, sso["pat"], "idp-amina")
    assert landed.status_code == 200
    assert landed.url == f"{sso['pat']}/"
    assert "Sign out amina" in landed.text
    assert browser.get(f"{sso['pat']}/projects/").url == f"{sso['pat']}/projects/"
    assert amina.username == "amina"


def test_a_person_the_organization_has_no_account_for_stays_signed_out(
    sso: dict[str, str],
) -> None:
    browser = requests.Session()
    landed = sign_on(browser, sso["pat"], "idp-stranger")
    assert landed.url.startswith(f"{sso['pat']}/accounts/login/")
    assert "Sign out" not in landed.text
    assert "no active PAT account" in landed.text
    assert browser.get(f"{sso['pat']}/projects/").url.startswith(f"{sso['pat']}/accounts/login/")


def test_an_address_the_provider_has_not_verified_signs_nobody_in(sso: dict[str, str]) -> None:
    UserFactory(username="amina", email="amina@example.org")
    browser = requests.Session()
    landed = sign_on(browser, sso["pat"], "idp-unverified")
    assert "Sign out" not in landed.text
    assert landed.url.startswith(f"{sso['pat']}/accounts/login/")


def test_the_pat_oidc_environment_turns_single_sign_on_on(tmp_path: Any) -> None:
    from tests.core.test_settings_and_security import production, run_pat

    script = (
        "from django.conf import settings; from django.test import Client; "
        "from django.urls import reverse; "
        "print(reverse('oidc_authentication_init'), settings.AUTHENTICATION_BACKENDS[-1]); "
        "print('organization account' in Client().get('/accounts/login/', secure=True, "
        "HTTP_HOST='pat.example.org').content.decode())"
    )
    provider = "https://id.example.org/oauth2"
    on = run_pat(
        "shell",
        "--verbosity",
        "0",
        "-c",
        script,
        **production(
            tmp_path,
            PAT_DEBUG="1",  # development static files: no collectstatic needed here
            PAT_OIDC_CLIENT_ID="pat",
            PAT_OIDC_CLIENT_SECRET="s3cret",
            PAT_OIDC_AUTHORIZATION_ENDPOINT=f"{provider}/authorize",
            PAT_OIDC_TOKEN_ENDPOINT=f"{provider}/token",
            PAT_OIDC_USERINFO_ENDPOINT=f"{provider}/userinfo",
            PAT_OIDC_JWKS_ENDPOINT=f"{provider}/jwks",
        ),
    )
    assert on.returncode == 0, on.stderr
    assert on.stdout.split() == [
        "/accounts/sso/start/",
        "pat.accounts.oidc.PatOIDCBackend",
        "True",
    ]
