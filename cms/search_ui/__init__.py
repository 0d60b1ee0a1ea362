"""Staff search over the registry (the `search` library) and editorial pages (Wagtail search):
`/api/v1/search…` and the staff page `/search/`; keeps the index current via the outbox."""
