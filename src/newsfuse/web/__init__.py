"""Stage ``web``: the FastAPI app over the store: HTML pages and the JSON API.

``create_app(store, stages=..., token=...)`` returns the app; ``newsfuse serve`` runs it with
uvicorn. Pages are server-rendered Jinja2 templates (autoescaped) with a little vanilla JS and CSS
shipped in ``static/``; nothing is loaded from the internet. The OpenAPI schema is at
``/openapi.json`` and drawn as a page at ``/docs``.
"""

from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import quote

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from newsfuse.errors import ConfigError, NotFoundError
from newsfuse.report import fact_label
from newsfuse.live import Stages
from newsfuse.store import Store
from newsfuse.web import api, pages
from newsfuse.web.render import safe_url
from newsfuse.web.security import SecurityHeaders

__all__ = ["create_app"]

HERE = Path(__file__).parent


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["path"] = lambda value: quote(str(value), safe="")
    env.filters["fact_label"] = fact_label
    return Jinja2Templates(env=env)


def create_app(store: Store, *, stages: Stages, token: str | None = None,
               allowed_hosts: list[str] | None = None) -> FastAPI:
    """The web app over ``store``.

    Args:
        store: an open store.
        stages: the pipeline stages used by ingest, merge and split.
        token: when set, every write must carry it (``Authorization: Bearer`` or
            ``X-Newsfuse-Token``).
        allowed_hosts: Host header values to accept (None: any).
    """
    app = FastAPI(title="newsfuse", version="1.0", docs_url=None, redoc_url=None,
                  description="Events, briefs, facts and articles from the newsfuse store.")
    app.state.store = store
    app.state.stages = stages
    app.state.token = token
    app.state.write_lock = threading.Lock()
    app.state.templates = _templates()
    app.add_middleware(SecurityHeaders)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(NotFoundError)
    def not_found(request: Request, exc: NotFoundError):
        return _error(request, 404, exc.message)

    @app.exception_handler(ConfigError)
    def bad_request(request: Request, exc: ConfigError):  # e.g. a search of too many words
        return _error(request, 422, exc.message)

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        return _error(request, exc.status_code, str(exc.detail))

    return app


def _error(request: Request, status: int, message: str):
    if request.url.path.startswith("/api"):
        return JSONResponse({"detail": message}, status_code=status)
    return request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status)
