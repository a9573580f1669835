"""Database plumbing shared by every app: the SQLite backend that retries a writer which meets
the write lock (`base.py`, named as ENGINE by conf.py) and the middleware that answers 503 with
Retry-After, never 500, when a lock or serialization conflict still gets through (`locks.py`)."""
