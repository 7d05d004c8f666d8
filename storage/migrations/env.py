"""Alembic environment: runs on the connection `storage.db.upgrade` hands over, or on alembic.ini's URL."""

import os

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers every table on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    # The developer's `alembic` command: storage reads no settings class (that lives in bot), only the
    # variable itself.
    url = (config.get_main_option("sqlalchemy.url") or os.environ.get("LAPAK_DATABASE_URL")
           or "sqlite:///lapak.db")
    engine = create_engine(url)
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run()
