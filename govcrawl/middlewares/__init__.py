"""Downloader middlewares: retries with backoff, and the guard against private addresses."""
