"""The domain. Functions take a Session, raise typed errors, flush but never commit or print."""
