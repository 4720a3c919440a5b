"""Building an account-scope rule's Finding: the fields every such finding shares come from the facts
(the twin of _site.site_finding for 附件2)."""

from __future__ import annotations

from govcrawl.model.account_facts import AccountFacts
from govcrawl.model.findings import Finding


def account_finding(facts: AccountFacts, rule: str, problem_type: str, category: str, *, key: str,
                    description: str, url: str, evidence: str) -> Finding:
    """A finding about ``facts.account``, seen on the day its feed was checked."""
    return Finding(subject=facts.account.name, problem_type=problem_type, category=category, key=key,
                   description=description, url=url, evidence=evidence, seen=facts.checked_on, rule=rule)
