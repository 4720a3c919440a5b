"""Network faults are not findings: which failures could be the crawler's own network, and what a
link check that could not be confirmed says.

A link that fails because its name does not resolve, the connection is refused or the request times
out is a 不可用链接 only if the crawler's own network worked at the time. With no route to the
internet (a resolver outage, an office network without outside DNS) every external link fails that
way, on every site. So the gov spider keeps these failures back, checks each once more at the end
of the run, and asks the canary (``GOVCRAWL_CANARY_URLS``, else the region's own sites) whether
the network answers: when it does, the failures stand; when it does not, each such link is stored
``unchecked`` with the reason (``NETWORK_FAULT`` leads its error text), and no row rests on it.

``incomplete_link_checks`` says per site whether its link check is incomplete and why: the crawl
summary and the 检查结果 sheet show it, and a run's status can count it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from govcrawl.crawl.linkcheck import UNCHECKED

__all__ = ["NETWORK_FAULT", "canary_verdict", "incomplete_link_checks", "unconfirmed_error"]

#: How the error text of a link left unchecked by an unconfirmed network fault begins.
NETWORK_FAULT = "network fault"

def canary_verdict(public: Sequence[tuple[str, bool]], own: Sequence[tuple[str, bool]]) -> tuple[bool, str]:
    """Whether the network is confirmed, and a short account of the canary; ``public`` and ``own`` are
    (URL, answered) of the canary hosts and of the region's homepages.

    Any answer counts (an error page too): the network reached a server. The public hosts decide when
    there are any — the region's own servers may answer through an intranet or a hosts file while the
    outside world does not; without public hosts (an isolated deployment, tests) the region's own
    sites decide (a page of theirs answered this process).
    """
    judged = public or own
    answered = [url for url, ok in judged if ok]
    if answered:
        return True, f"canary answered: {answered[0]}"
    if not judged:
        return True, "no canary configured"
    return False, "canary failed: " + ", ".join(url for url, _ in judged)


def unconfirmed_error(error: str, canary: str) -> str:
    """The stored error of a link whose network failure the canary could not confirm."""
    return f"{NETWORK_FAULT} ({canary}): {error}"


def incomplete_link_checks(links: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """Per site, why its link check is incomplete, from (site, verdict, error) of its checked links;
    a site whose every link was checked is absent. The reason is a sentence for the annex:
    "网络故障：12个链接未能确认（canary failed: https://www.gov.cn/）"."""
    counts: Counter[str] = Counter()
    canary: dict[str, str] = {}
    for site, verdict, error in links:
        if verdict == UNCHECKED and error.startswith(NETWORK_FAULT):
            counts[site] += 1
            canary.setdefault(site, error[len(NETWORK_FAULT):].split("):", 1)[0].strip(" ("))
    return {site: f"网络故障：{n}个链接未能确认（{canary[site]}）" for site, n in counts.items()}
