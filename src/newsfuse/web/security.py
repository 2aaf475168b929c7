"""Write protection and response headers.

Writes need the token when one is configured (always when bound beyond loopback: the CLI
refuses to start otherwise). JSON bodies are required for writes (FastAPI's strict content type),
so a page on another site cannot post a plain form at a local server; the Host check (on
loopback) stops DNS-rebinding pages from reading it.
"""

from __future__ import annotations

import hmac

from fastapi import Header, HTTPException, Request
from starlette.middleware.base import BaseHTTPMiddleware

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def require_token(
    request: Request,
    authorization: str | None = Header(default=None),
    x_newsfuse_token: str | None = Header(default=None),
) -> None:
    """Dependency of every write route: check the token when the app has one."""
    expected = request.app.state.token
    if not expected:
        return
    given = x_newsfuse_token
    if given is None and authorization and authorization.lower().startswith("bearer "):
        given = authorization[7:].strip()
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(status_code=401, detail="This server needs a token for writes.",
                            headers={"WWW-Authenticate": "Bearer"})


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response
