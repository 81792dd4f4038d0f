"""Database layer: models, engine, migrate-on-first-use. Imported only inside commands."""
