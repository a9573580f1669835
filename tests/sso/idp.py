"""A real OpenID Connect provider for the tests, built on authlib's server classes.

It serves discovery, JWKS (a fresh RSA key per provider), the authorization endpoint (a small
HTML sign-in form where the tester picks the account, so a browser can walk it), the token
endpoint (authorization code, client_secret_post or basic, PKCE) and userinfo, over HTTP on
127.0.0.1 in a thread. Skillframe's client talks to it exactly as to a real identity provider:
discovery, redirect, code exchange, ID-token signature check against the JWKS.
"""

from __future__ import annotations

import html
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from authlib.oauth2 import AuthorizationServer, OAuth2Error
from authlib.oauth2.rfc6749 import ClientMixin, OAuth2Request
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from joserfc.jwk import RSAKey

CLIENT_ID = "skillframe-test"
CLIENT_SECRET = "test-client-secret-0123456789"


class FormRequest(OAuth2Request):
    """An OAuth2Request over a parsed query or form (what the grants read)."""

    def __init__(self, method: str, uri: str, headers: dict[str, str], data: dict[str, str]):
        super().__init__(method, uri, headers=headers)
        self.payload = BasicOAuth2Payload(data)
        self._data = data

    @property
    def args(self) -> dict[str, str]:
        return self._data if self.method == "GET" else {}

    @property
    def form(self) -> dict[str, str]:
        return self._data if self.method == "POST" else {}


@dataclass
class Client(ClientMixin):
    redirect_uris: list[str]
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str:
        return self.redirect_uris[0]

    def get_allowed_scope(self, scope: str) -> str:
        allowed = {"openid", "email", "profile", "groups"}
        return " ".join(s for s in scope.split() if s in allowed)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return secrets.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in {"client_secret_basic", "client_secret_post"}

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass
class Code:
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: str
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> None:
        return None

    def get_amr(self) -> None:
        return None


class IdentityProvider:
    """The provider's state: accounts (subject → claims), codes, keys; and its WSGI app."""

    def __init__(self) -> None:
        self.accounts: dict[str, dict[str, Any]] = {}
        self.codes: dict[str, Code] = {}
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig"})
        # The key the JWKS publishes; None = the signing key. Another key = forged ID tokens.
        self.published_key: RSAKey | None = None
        self.issuer = ""
        self.client = Client(redirect_uris=[])
        self.tokens_issued = 0
        self.discovery_requests = 0
        self.server = self._authorization_server()

    def add_account(self, sub: str, **claims: Any) -> None:
        self.accounts[sub] = {"sub": sub, **claims}

    def _authorization_server(self) -> AuthorizationServer:
        provider = self

        class Server(AuthorizationServer):
            def query_client(self, client_id: str) -> Client | None:
                return provider.client if client_id == provider.client.client_id else None

            def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
                provider.tokens_issued += 1

            def create_oauth2_request(self, request: OAuth2Request) -> OAuth2Request:
                return request

            def handle_response(
                self, status: int, body: Any, headers: Iterable[tuple[str, str]]
            ) -> tuple[int, Any, list[tuple[str, str]]]:
                return status, body, list(headers)

            def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
                pass

        class CodeGrant(AuthorizationCodeGrant):
            TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

            def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
                data = request.payload.data
                provider.codes[code] = Code(
                    code=code,
                    client_id=request.client.get_client_id(),
                    redirect_uri=request.payload.redirect_uri,
                    scope=request.payload.scope,
                    user=request.user,
                    nonce=data.get("nonce"),
                    code_challenge=data.get("code_challenge"),
                    code_challenge_method=data.get("code_challenge_method"),
                )

            def query_authorization_code(self, code: str, client: Client) -> Code | None:
                found = provider.codes.get(code)
                return found if found and found.client_id == client.get_client_id() else None

            def delete_authorization_code(self, authorization_code: Code) -> None:
                provider.codes.pop(authorization_code.code, None)

            def authenticate_user(self, authorization_code: Code) -> str:
                return authorization_code.user

        class IdToken(OpenIDCode):
            def resolve_client_private_key(self, client: Client) -> RSAKey:
                return provider.key

            def get_client_algorithm(self, client: Client) -> str:
                return "RS256"

            def get_encode_header(self, client: Client) -> dict[str, str]:
                return {"alg": "RS256", "kid": "test-key"}

            def get_client_claims(self, client: Client) -> dict[str, Any]:
                return {"iss": provider.issuer, "aud": [client.get_client_id()]}

            def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
                return any(code.nonce == nonce for code in provider.codes.values())

            def generate_user_info(self, user: str, scope: str) -> UserInfo:
                return UserInfo(provider.accounts[user])

        server = Server()
        server.register_token_generator(
            "default",
            BearerTokenGenerator(access_token_generator=lambda *a, **k: secrets.token_urlsafe(32)),
        )
        server.register_grant(CodeGrant, [IdToken(require_nonce=True), CodeChallenge()])
        return server

    # --- WSGI -----------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        path = environ["PATH_INFO"]
        method = environ["REQUEST_METHOD"]
        query = environ.get("QUERY_STRING", "")
        body = b""
        if method == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length)
        form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
        args = {k: v[0] for k, v in parse_qs(query).items()}
        headers = {
            key[5:].replace("_", "-").title(): value
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        if "CONTENT_TYPE" in environ:
            headers["Content-Type"] = environ["CONTENT_TYPE"]
        uri = f"{self.issuer}{path}" + (f"?{query}" if query else "")

        def oauth_request(data: dict[str, str]) -> OAuth2Request:
            return FormRequest(method, uri, headers, data)

        if path == "/.well-known/openid-configuration":
            self.discovery_requests += 1
            status, payload, extra = 200, self.discovery(), []
        elif path == "/jwks":
            status, payload, extra = 200, self.jwks(), []
        elif path == "/authorize" and method == "GET":
            return self._html(start_response, self._sign_in_form(args))
        elif path == "/authorize" and method == "POST":
            # The form posts the original request back with the account chosen.
            account = form.pop("account", "")
            if account not in self.accounts:
                return self._html(start_response, self._sign_in_form(form, "Unknown account"))
            request = oauth_request(form)
            try:
                grant = self.server.get_consent_grant(request, end_user=account)
            except OAuth2Error as error:
                status, payload, extra = self.server.handle_error_response(request, error)
            else:
                status, payload, extra = self.server.create_authorization_response(
                    request, grant_user=account, grant=grant
                )
        elif path == "/token" and method == "POST":
            status, payload, extra = self.server.create_token_response(oauth_request(form))
        else:
            status, payload, extra = 404, {"error": "not_found"}, []
        text = payload if isinstance(payload, str) else json.dumps(payload)
        header_list = [("Content-Type", "application/json"), *extra]
        start_response(f"{status} X", header_list)
        return [text.encode()]

    def jwks(self) -> dict[str, Any]:
        return {"keys": [(self.published_key or self.key).as_dict(private=False)]}

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "email", "profile", "groups"],
        }

    def _sign_in_form(self, params: dict[str, str], error: str = "") -> str:
        hidden = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
            for k, v in params.items()
            if k != "account"
        )
        return (
            "<!doctype html><title>Test identity provider</title>"
            f"<h1>Test identity provider</h1><p>{html.escape(error)}</p>"
            '<form method="post" action="/authorize">'
            f'{hidden}<label>Account <input name="account"></label>'
            "<button>Sign in</button></form>"
        )

    def _html(self, start_response: Callable[..., Any], text: str) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [text.encode()]

    def authorize_url_params(self, **params: str) -> str:
        return urlencode(params)


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _ThreadedServer(WSGIServer):
    # The browser keeps connections open; one thread per request so none blocks another.
    daemon_threads = True

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(target=self._handle, args=(request, client_address), daemon=True)
        thread.start()

    def _handle(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        finally:
            self.shutdown_request(request)


class RunningProvider:
    """The provider served on 127.0.0.1 (a free port) in a thread until stop()."""

    def __init__(self, provider: IdentityProvider) -> None:
        self.provider = provider
        self.httpd = make_server(
            "127.0.0.1", 0, provider, server_class=_ThreadedServer, handler_class=_QuietHandler
        )
        provider.issuer = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def issuer(self) -> str:
        return self.provider.issuer

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
