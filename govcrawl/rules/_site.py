"""Building a site-scope rule's Finding: the fields every such finding shares come from the facts."""

from __future__ import annotations

from govcrawl.model.facts import SiteFacts
from govcrawl.model.findings import Finding


def site_finding(facts: SiteFacts, rule: str, problem_type: str, category: str, *, key: str,
                 description: str, url: str, evidence: str, pages: tuple[str, ...] = (),
                 page_count: int = 1, points: float = 0.0) -> Finding:
    """A finding about ``facts.site`` seen on the day of the run; ``pages`` defaults to ``(url,)``."""
    return Finding(subject=facts.site.site_code, problem_type=problem_type, category=category, key=key,
                   description=description, url=url, evidence=evidence, seen=facts.checked_on, rule=rule,
                   pages=pages or ((url,) if url else ()), page_count=page_count, points=points)
