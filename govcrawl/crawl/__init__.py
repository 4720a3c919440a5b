"""Crawl policy as pure functions: URL canonical forms, scope, traps and link-check verdicts."""
