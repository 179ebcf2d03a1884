"""The web app and HTTP API on the store: `create_app` for tests and embedding, `serve` for the CLI."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from pourparler import __version__
from pourparler.store import Store
from pourparler.web.common import MAX_UPLOAD_BYTES, TOKEN_ENV, TOKEN_HEADER, Settings, is_loopback

STATIC = Path(__file__).parent / "static"
DESCRIPTION = f"""Source-attributed records of negotiations and conflict: every item points to its evidence.

Every quote, event, position, mention, time and quantity has `doc`, `start` and `end`:
`body[start:end]` of that document (GET /api/documents/{{id}}) is the evidence.
Lists take `limit` and `offset` and answer `{{"total", "limit", "offset", "items"}}`.
Errors answer `{{"detail": "<one sentence>"}}`. A server listening beyond loopback needs the token
it was started with (${TOKEN_ENV}) in the `{TOKEN_HEADER}` header for analysing and changing."""

__all__ = ["create_app", "serve"]


def create_app(
    db: str | None = None,
    *,
    token: str | None = None,
    guarded: bool = False,
    profile_dirs: tuple[Path, ...] = (),
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
) -> FastAPI:
    """The app on the store at `db`. With `guarded`, changing endpoints need `token`."""
    from pourparler.knowledge.negotiation import profiles
    from pourparler.web import api, pages

    # Swagger UI and ReDoc served from the package, not a CDN: the server may run without internet.
    app = FastAPIOffline(
        title="pourparler",
        version=__version__,
        description=DESCRIPTION,
        static_url="/static-docs",
    )
    app.state.settings = Settings(
        db=db,
        token=token,
        guarded=guarded,
        profile_dirs=profile_dirs,
        max_upload_bytes=max_upload_bytes,
        labels={p.id: p.label for p in profiles(profile_dirs)},
    )
    app.state.store = Store(db)
    app.include_router(api.router)
    app.include_router(pages.router)
    # check_dir=False: the API works in a checkout whose static folder is not there yet.
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    return app


def serve(db: str | None, *, host: str, port: int, profile_dirs: tuple[Path, ...] = ()) -> None:
    """Run the app with uvicorn until interrupted; says at start whether changes need a token."""
    import uvicorn

    token = os.environ.get(TOKEN_ENV) or None
    guarded = not is_loopback(host)
    app = create_app(db, token=token, guarded=guarded, profile_dirs=profile_dirs)
    where = app.state.store.where
    if not guarded:
        note = "listening on loopback only; changes need no token"
    elif token:
        note = f"listening beyond loopback: analysing and changing need the token in ${TOKEN_ENV}"
    else:
        note = f"listening beyond loopback without ${TOKEN_ENV}: analysing and changing are disabled"
    sys.stderr.write(f"pourparler: serving {where} on http://{host}:{port}/ (API docs at /docs); {note}\n")
    uvicorn.run(app, host=host, port=port, log_level="warning")
