"""Opening a store: URL resolution, connection settings, and migrations run on open."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from newsfuse.errors import ConfigError, NotFoundError, StoreError

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
DEFAULT_DB = "newsfuse.db"
SQLITE_BUSY_TIMEOUT_MS = 30_000
SQLITE_CACHE_KIB = 64 * 1024


def resolve_url(db: str | Path) -> str:
    """The SQLAlchemy URL for ``--db``: a file path (SQLite) or a ``postgresql://`` URL.

    Raises:
        ConfigError: for a URL of any other kind.
    """
    text = str(db)
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if text.startswith(prefix):
            return "postgresql+psycopg://" + text[len(prefix) :]
    if text.startswith("sqlite:"):
        return text
    if "://" in text:
        raise ConfigError(
            f"--db {text!r}: use a file path (SQLite) or a postgresql:// URL."
        )
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _sqlite_settings(engine: Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" below issue BEGIN itself (the sqlite3 module's own is lazy).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        # A page cache that holds the indexes of a 100k-article store (the default is 2 MB,
        # and every lookup past it is a read from the OS).
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # Writers take the lock up front, so two writers queue instead of failing on upgrade.
        immediate = conn.get_execution_options().get("newsfuse_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Store:
    """One store: an engine plus transactions. Reads and writes live in the sibling modules.

    Args:
        url: a SQLAlchemy URL (see :func:`resolve_url`).
    """

    def __init__(self, url: str) -> None:
        self.url = url
        # (saved version, OnlineClusterer) of this process; see store/online.py.
        self.clustering = None
        # Whether ingest has checked that the stored articles were placed by the clusterer.
        self.clustering_checked = False
        self.is_sqlite = url.startswith("sqlite")
        try:
            if self.is_sqlite:
                self.engine = sa.create_engine(url, connect_args={"timeout": 30})
                _sqlite_settings(self.engine)
            else:
                self.engine = sa.create_engine(url, pool_pre_ping=True)
        except (sa.exc.ArgumentError, ImportError) as exc:
            raise ConfigError(f"Cannot use store {self.display_url}: {exc}") from exc

    @property
    def display_url(self) -> str:
        """The URL with any password hidden."""
        return sa.engine.make_url(self.url).render_as_string(hide_password=True)

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction (a consistent snapshot)."""
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except sa.exc.OperationalError as exc:
            raise StoreError(f"Cannot read the store {self.display_url}: {exc.orig}") from exc

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: all of it is committed, or none of it."""
        try:
            with self.engine.connect() as raw:
                conn = raw.execution_options(newsfuse_write=True)
                with conn.begin():
                    yield conn
        except sa.exc.OperationalError as exc:
            raise StoreError(f"Cannot write the store {self.display_url}: {exc.orig}") from exc

    def migrate(self) -> None:
        """Bring the schema to the newest revision (run by :func:`open_store`)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with self.write() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_store(db: str | Path = DEFAULT_DB, *, migrate: bool = True, create: bool = True) -> Store:
    """Open (creating or upgrading) the store at ``db``.

    Args:
        db: a SQLite file path or a ``postgresql://`` URL.
        migrate: run the schema migrations first (on by default).
        create: make a new SQLite file when there is none; commands that only read (``show``,
            ``events``, ``export``) pass False, so a mistyped path is an error, not an empty store.

    Returns:
        The open :class:`Store`.

    Raises:
        ConfigError: an unusable ``db``.
        NotFoundError: ``create`` is False and there is no SQLite file at ``db``.
        StoreError: the database cannot be reached or upgraded.
    """
    url = resolve_url(db)
    if url.startswith("sqlite:///") and not create:
        path = Path(url[len("sqlite:///") :])
        if url != "sqlite:///:memory:" and not path.is_file():
            raise NotFoundError(
                f"No store at {db}: the file does not exist. Fill one with "
                f"`newsfuse ingest FILES --db {db}`, or pass --db (or NEWSFUSE_DB) for the one you have."
            )
    if url.startswith("sqlite:///"):
        parent = Path(url[len("sqlite:///") :]).parent
        if not parent.is_dir():
            raise StoreError(f"Cannot create the store: folder {parent} does not exist.")
    store = Store(url)
    if migrate:
        try:
            store.migrate()
        except sa.exc.SQLAlchemyError as exc:
            store.close()
            raise StoreError(f"Cannot open the store {store.display_url}: {exc}") from exc
    return store
