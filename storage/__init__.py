"""How Lapak keeps its data: SQLModel tables, the engine and session, alembic migrations."""
