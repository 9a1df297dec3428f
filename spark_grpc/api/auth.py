"""Who may call what: bearer tokens, roles, and the server interceptor.

Tokens file. One token a line, three fields separated by spaces::

    # TOKEN                                        NAME         ROLE
    nB3c...(at least 16 visible ASCII characters)  coordinator  admin
    Qx9f...                                        agent-7      write
    k2Lm...                                        dashboard    read

Blank lines and lines starting with ``#`` are ignored. Names are for the log
and for error messages (never the token itself); each token and each name
appears once. ``spark-grpc token NAME ROLE`` prints a new line to append;
SIGHUP makes the server read the file again.

Roles are ordered ``read < write < admin``:

* ``read``: ListEvents, ListMemories, Count, WatchMemories;
* ``write``: read, plus RecordEvent, RecordEvents, StoreMemory, UpdateMemory;
* ``admin``: everything, including DeleteMemory and Consolidate.

A call carries its token in the ``authorization`` metadata as
``Bearer <token>``. No token or an unknown one is ``UNAUTHENTICATED``; a role
too weak for the method is ``PERMISSION_DENIED``, naming the method and the
role it needs. The presented token is hashed and compared with every known
token's hash in constant time, without stopping at a match. Tokens never
reach the log. Health and reflection stay open unless configured otherwise.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import ipaddress
import logging
import secrets
import stat
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import grpc

from spark_grpc.api.frames import skip_body
from spark_grpc.api.identity import as_caller
from spark_grpc.api.status import status_for
from spark_grpc.core.errors import PermissionDenied, SparkError, Unauthenticated
from spark_grpc.gen.spark.v1 import spark_pb2

logger = logging.getLogger(__name__)

MIN_TOKEN_LENGTH = 16


class Role(enum.IntEnum):
    """What a token allows; a stronger role allows all that a weaker one does."""

    READ = 1
    WRITE = 2
    ADMIN = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Role:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(str(role) for role in cls)
            raise ValueError(f"role must be one of {names}, got {text!r}") from None


SERVICE_PREFIX = "/" + spark_pb2.DESCRIPTOR.services_by_name["SparkService"].full_name + "/"

# Every SparkService method, with the weakest role that may call it. A
# method missing here (a new RPC) needs admin until someone decides.
METHOD_ROLES: dict[str, Role] = {
    "ListEvents": Role.READ,
    "ListMemories": Role.READ,
    "Count": Role.READ,
    "WatchMemories": Role.READ,
    # A durable consumer is a reader's position: reading, acknowledging and
    # looking at it need only the read role.
    "AckEvents": Role.READ,
    "GetConsumer": Role.READ,
    "ListConsumers": Role.READ,
    "SearchMemories": Role.READ,
    "SearchEvents": Role.READ,
    "ListMemoryRevisions": Role.READ,
    "RecordEvent": Role.WRITE,
    "RecordEvents": Role.WRITE,
    "StoreMemory": Role.WRITE,
    "UpdateMemory": Role.WRITE,
    "DeleteConsumer": Role.WRITE,
    "DeleteMemory": Role.ADMIN,
    "Consolidate": Role.ADMIN,
}

# Services that answer without a token unless told otherwise.
OPEN_SERVICES = (
    "/grpc.health.v1.Health/",
    "/grpc.reflection.v1alpha.ServerReflection/",
    "/grpc.reflection.v1.ServerReflection/",
)


def required_role(method: str) -> Role:
    """The weakest role that may call a full method name (``/pkg.Svc/Name``)."""
    if method.startswith(SERVICE_PREFIX):
        return METHOD_ROLES.get(method[len(SERVICE_PREFIX) :], Role.ADMIN)
    # Another service (health or reflection when protected, or a method
    # that does not exist): any valid token.
    return Role.READ


# ── the tokens file ───────────────────────────────────────────────────────
@dataclass(frozen=True, slots=True)
class Caller:
    """Who a token belongs to."""

    name: str
    role: Role


@dataclass(frozen=True, slots=True)
class _Entry:
    digest: bytes
    caller: Caller


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()


def _visible_ascii(text: str) -> bool:
    return all("!" <= char <= "~" for char in text)


class TokenTable:
    """The known tokens, kept only as SHA-256 digests."""

    def __init__(self, entries: Iterable[tuple[str, str, Role]] = ()) -> None:
        self._entries: list[_Entry] = []
        names: set[str] = set()
        digests: set[bytes] = set()
        for token, name, role in entries:
            if len(token) < MIN_TOKEN_LENGTH or not _visible_ascii(token):
                raise ValueError(
                    f"the token of {name!r} must be at least {MIN_TOKEN_LENGTH}"
                    " visible ASCII characters"
                )
            digest = _digest(token)
            if digest in digests:
                raise ValueError(f"the token of {name!r} is used twice")
            if name in names:
                raise ValueError(f"the name {name!r} is used twice")
            digests.add(digest)
            names.add(name)
            self._entries.append(_Entry(digest, Caller(name, role)))

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, token: str) -> Caller | None:
        """The caller a token belongs to, or None.

        Compares digests of equal length with every entry, match or not, so
        the time taken says nothing about which token, or how much of one,
        was right."""
        presented = _digest(token)
        found: Caller | None = None
        for entry in self._entries:
            if hmac.compare_digest(presented, entry.digest):
                found = entry.caller
        return found

    @classmethod
    def parse(cls, text: str, source: str = "tokens") -> TokenTable:
        """Read ``TOKEN NAME ROLE`` lines; errors name the line, never the token."""
        entries: list[tuple[str, str, Role]] = []
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            parts = stripped.split()
            if len(parts) != 3:
                raise ValueError(
                    f"{source}:{number}: expected 'TOKEN NAME ROLE', got {len(parts)} fields"
                )
            token, name, role_text = parts
            try:
                role = Role.parse(role_text)
                if not _visible_ascii(name):
                    raise ValueError(f"name must be visible ASCII, got {name!r}")
                entries.append((token, name, role))
            except ValueError as exc:
                raise ValueError(f"{source}:{number}: {exc}") from None
        try:
            return cls(entries)
        except ValueError as exc:
            raise ValueError(f"{source}: {exc}") from None

    @classmethod
    def load(cls, path: str | Path) -> TokenTable:
        """Read a tokens file; warns when others than its owner may read it."""
        path = Path(path)
        try:
            mode = path.stat().st_mode
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ValueError(f"cannot read the tokens file {path}: {exc.strerror}") from None
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            logger.warning(
                "the tokens file %s can be read by others than its owner (mode %o): chmod 600 it",
                path,
                stat.S_IMODE(mode),
            )
        table = cls.parse(text, str(path))
        if not table:
            raise ValueError(f"the tokens file {path} holds no tokens")
        return table


def new_token() -> str:
    """A new random token (256 bits, URL-safe base64)."""
    return secrets.token_urlsafe(32)


def token_line(name: str, role: Role | str) -> str:
    """A tokens-file line for a new token."""
    if isinstance(role, str):
        role = Role.parse(role)
    if not name or not _visible_ascii(name):
        raise ValueError(f"name must be visible ASCII without spaces, got {name!r}")
    return f"{new_token()} {name} {role}"


# ── the interceptor ───────────────────────────────────────────────────────
def bearer_token(metadata: Iterable[tuple[str, str | bytes]] | None) -> str | None:
    """The token of the one ``authorization: Bearer ...`` entry, if any.

    Raises Unauthenticated for a malformed or repeated header."""
    values = [value for key, value in metadata or () if key.lower() == "authorization"]
    if not values:
        return None
    if len(values) > 1:
        raise Unauthenticated("send one authorization header, not several")
    value = values[0]
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    scheme, _, token = value.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("the authorization header must be 'Bearer <token>'")
    return token.strip()


def _denying(handler: grpc.RpcMethodHandler, error: SparkError) -> grpc.RpcMethodHandler:
    """A handler of the same shape as ``handler`` that only reports ``error``."""
    code = status_for(error)

    async def deny(request_or_iterator: object, context: grpc.aio.ServicerContext) -> None:
        await context.abort(code, error.message)

    # The body of a denied call is never parsed.
    kwargs = {"request_deserializer": skip_body, "response_serializer": handler.response_serializer}
    if handler.request_streaming and handler.response_streaming:
        return grpc.stream_stream_rpc_method_handler(deny, **kwargs)
    if handler.request_streaming:
        return grpc.stream_unary_rpc_method_handler(deny, **kwargs)
    if handler.response_streaming:
        return grpc.unary_stream_rpc_method_handler(deny, **kwargs)
    return grpc.unary_unary_rpc_method_handler(deny, **kwargs)


class TokenAuthInterceptor(grpc.aio.ServerInterceptor):
    """Admits a call whose bearer token's role is strong enough for its method."""

    def __init__(self, tokens: TokenTable, *, open_services: tuple[str, ...] = OPEN_SERVICES):
        self.tokens = tokens
        self.open_services = open_services
        # Bumped by each reload; called back after it (open streams look again).
        self.generation = 0
        self.on_reload: list[Callable[[], None]] = []

    def reload(self, path: str | Path) -> bool:
        """Swap in the tokens of ``path`` (SIGHUP); on any error keep the
        current ones."""
        try:
            tokens = TokenTable.load(path)
        except ValueError as exc:
            logger.error("kept the current tokens: %s", exc)
            return False
        self.tokens = tokens
        self.generation += 1
        logger.info("reloaded %d tokens from %s", len(tokens), path)
        for callback in self.on_reload:
            callback()
        return True

    def admission(
        self, method: str, metadata: Iterable[tuple[str, str | bytes]] | None
    ) -> Callable[[], SparkError | None]:
        """For an open stream: a function that says why its caller is no
        longer allowed (its token was revoked or lost its role by a reload),
        or None. Checks again only after a reload."""
        metadata = tuple(metadata or ())
        checked = self.generation
        verdict: SparkError | None = None

        def why_not() -> SparkError | None:
            nonlocal checked, verdict
            if checked != self.generation and verdict is None:
                checked = self.generation
                try:
                    self.check(method, metadata)
                except SparkError as error:
                    verdict = error
                    if isinstance(error, Unauthenticated):
                        verdict = Unauthenticated(
                            "the bearer token of this stream was revoked (tokens file reloaded)"
                        )
            return verdict

        return why_not

    def check(self, method: str, metadata: Iterable[tuple[str, str | bytes]] | None) -> Caller:
        """The caller allowed to call ``method``, or the domain error that says why not."""
        token = bearer_token(metadata)
        if token is None:
            raise Unauthenticated(
                "this server needs a bearer token: send 'authorization: Bearer <token>'"
            )
        caller = self.tokens.lookup(token)
        if caller is None:
            raise Unauthenticated("the bearer token is not known to this server")
        needed = required_role(method)
        if caller.role < needed:
            short = method.rsplit("/", 1)[-1]
            raise PermissionDenied(
                f"{short} needs the {needed} role; the token of {caller.name!r}"
                f" has the {caller.role} role"
            )
        return caller

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        method = handler_call_details.method
        if method.startswith(self.open_services):
            return await continuation(handler_call_details)
        try:
            caller = self.check(method, handler_call_details.invocation_metadata)
        except SparkError as error:
            handler = await continuation(handler_call_details)
            if handler is None:  # no such method: UNIMPLEMENTED says less than a denial
                return None
            logger.info("denied %s: %s", method, error.message)
            return _denying(handler, error)
        logger.debug("%s called %s", caller.name, method)
        return as_caller(await continuation(handler_call_details), caller.name)


# ── exposure ──────────────────────────────────────────────────────────────
def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    host = host.strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def exposure_warnings(
    host: str, *, tokens: bool, tls: bool, client_certs: bool, insecure: bool
) -> list[str]:
    """What to warn about when serving on ``host`` this way.

    Raises ValueError when a non-loopback address would be served without
    any authentication and ``insecure`` was not given."""
    authenticated = tokens or client_certs
    warnings: list[str] = []
    if not authenticated:
        if not is_loopback(host):
            if not insecure:
                raise ValueError(
                    f"refusing to serve {host} without authentication: configure"
                    " --tokens-file or --tls-client-ca, listen on 127.0.0.1, or pass"
                    " --insecure to accept that anyone who can reach the port may read"
                    " and write everything"
                )
            warnings.append(
                f"INSECURE: serving {host} without authentication (--insecure):"
                " anyone who can reach the port may read and write everything"
            )
        else:
            warnings.append(
                "no authentication configured: any local process may read and write"
                " everything (set --tokens-file or --tls-client-ca to require callers"
                " to identify themselves)"
            )
    if tokens and not tls and not is_loopback(host):
        warnings.append(
            f"bearer tokens travel in clear text on {host}: configure --tls-cert and --tls-key"
        )
    return warnings
