"""Distributed runs: scrapy-redis scheduler wiring and the shared run id."""
