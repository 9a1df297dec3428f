"""Who may read over HTTP: with tokens configured, a token with the read
role, from an ``Authorization: Bearer`` header or from the HttpOnly cookie
that the login form sets. ``/healthz`` stays open (as gRPC health does)
unless health is protected; the login page itself is always open.

The cookie holds the token itself, HttpOnly (no script reads it),
SameSite=Strict, and Secure when the side serves TLS; a token revoked by
SIGHUP stops working at once, cookie or not.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Awaitable, Callable
from importlib import resources
from urllib.parse import quote

from aiohttp import web

from spark_grpc.api.auth import Role, TokenAuthInterceptor, bearer_token
from spark_grpc.core.errors import SparkError

logger = logging.getLogger(__name__)

COOKIE = "spark_token"
LOGIN = "/login"
OPEN_PATHS = (LOGIN,)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _json_error(status: int, message: str) -> web.Response:
    response = web.json_response({"error": message}, status=status)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="spark"'
    return response


def access_middleware(
    tokens: Callable[[], TokenAuthInterceptor | None], *, protect_health: bool
) -> Callable:
    """Refuse requests without a good token (when tokens are configured)."""

    @web.middleware
    async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
        table = tokens()
        path = request.path
        if table is None or path in OPEN_PATHS or (path == "/healthz" and not protect_health):
            return await handler(request)
        try:
            headers = request.headers.getall("Authorization", [])
            token = bearer_token([("authorization", value) for value in headers])
        except SparkError as error:
            return _json_error(401, error.message)
        if token is None:
            token = request.cookies.get(COOKIE)
        caller = table.tokens.lookup(token) if token else None
        if caller is None:
            if path == "/" or path.endswith(".html"):
                raise web.HTTPSeeOther(f"{LOGIN}?next={quote(path)}")
            reason = "an unknown token" if token else "no token"
            return _json_error(
                401, f"spark: this server needs a token with the read role; got {reason}"
            )
        if caller.role < Role.READ:
            return _json_error(403, f"spark: the token of {caller.name!r} may not read")
        return await handler(request)

    return check


# The sign-in form; {next} and {error} are filled in (escaped).
LOGIN_PAGE = (resources.files("spark_grpc.http") / "static" / "login.html").read_text("utf-8")


def _safe_next(value: str | None) -> str:
    """Only a path of this site (no open redirect)."""
    if not value or not value.startswith("/") or value.startswith("//"):
        return "/"
    return value


def _page(next_path: str, error: str = "", status: int = 200) -> web.Response:
    body = LOGIN_PAGE.replace("{next}", html.escape(next_path)).replace(
        "{error}", html.escape(error)
    )
    return web.Response(text=body, content_type="text/html", status=status)


def login_routes(
    tokens: Callable[[], TokenAuthInterceptor | None], *, secure: bool
) -> list[web.RouteDef]:
    async def show(request: web.Request) -> web.Response:
        return _page(_safe_next(request.query.get("next")))

    async def submit(request: web.Request) -> web.Response:
        form = await request.post()
        next_path = _safe_next(str(form.get("next") or "/"))
        table = tokens()
        if table is None:
            raise web.HTTPSeeOther(next_path)
        token = str(form.get("token") or "").strip()
        caller = table.tokens.lookup(token) if token else None
        if caller is None or caller.role < Role.READ:
            logger.info("HTTP sign-in refused from %s", request.remote)
            return _page(next_path, "That token is not known here.", status=401)
        logger.info("HTTP sign-in: %s", caller.name)
        response = web.HTTPSeeOther(next_path)
        response.set_cookie(
            COOKIE, token, httponly=True, samesite="Strict", secure=secure, path="/"
        )
        raise response

    async def logout(request: web.Request) -> web.Response:
        response = web.HTTPSeeOther(LOGIN)
        response.del_cookie(COOKIE, path="/")
        raise response

    return [web.get(LOGIN, show), web.post(LOGIN, submit), web.post("/logout", logout)]
