"""未启用HTTPS — the site does not answer over HTTPS with a valid certificate for its name (扣分).

The homepage host of the region file's address is tried over TLS once per site by crawl/transport.py
(its https:// address, or the HTTPS port for an http:// one), the certificate verified against the
trust store (GOVCRAWL_CA_BUNDLE, default the system's) and for the host's name. One row per site,
the worst first: no HTTPS at all (no listener, no TLS handshake); a certificate that has expired; one
not valid for the host's name; one that does not verify otherwise (an unknown issuer, self-signed);
a homepage that does not answer over a verified connection (no status, or 400 and above). A
certificate that verifies but expires within GOVCRAWL_CERT_WARN_DAYS days of the run is a warning row
(扣分 is the vocabulary's only other category than 单项否决; the row says 即将过期, its points are the
problem type's like any other). A bare-IP address is not checked (域名不规范 covers it), nor a site the
crawl did not reach, nor one whose name could not be looked up for the check.

Fails: nothing listens on port 443 → "网站未启用HTTPS（https://www.xuchang.gov.cn/ 连接被拒绝）"; a
certificate for other.gov.cn only; one that expired on 2026-08-01; one expiring 2026-10-10 checked on
2026-09-30 → "网站HTTPS证书将于2026-10-10到期（剩余10天）".
Passes: a verified certificate valid beyond GOVCRAWL_CERT_WARN_DAYS and the homepage answering 200;
any site whose GOVCRAWL_TRANSPORT_CHECK is false.

Reads: GOVCRAWL_TRANSPORT_CHECK (false: the site's transport is not judged), GOVCRAWL_CERT_WARN_DAYS.
"""

from __future__ import annotations

from collections.abc import Iterator

from govcrawl.model.facts import SiteFacts, TransportFacts
from govcrawl.model.findings import DEDUCTION, Finding
from govcrawl.model.rule_conf import RuleConf
from govcrawl.rules._site import site_finding

ID = "https_enabled"
PROBLEM_TYPE = "未启用HTTPS"
CATEGORY = DEDUCTION
SCOPE = "site"
READS: tuple[str, ...] = ("GOVCRAWL_TRANSPORT_CHECK", "GOVCRAWL_CERT_WARN_DAYS")
ALSO_YIELDS: tuple[str, ...] = ()


def _certificate(seen: TransportFacts) -> str:
    names = "、".join(seen.cert_names) or "无"
    until = f"，有效期至{seen.cert_expires:%Y-%m-%d}" if seen.cert_expires else ""
    return f"证书域名：{names}{until}"


def _problem(seen: TransportFacts, facts: SiteFacts, warn_days: int) -> tuple[str, str] | None:
    """(问题描述, evidence) of the site's HTTPS, None when it passes."""
    tried = f"以TLS连接 {seen.https_url}"
    if seen.cert_problem == "unknown":  # the lookup failed: nothing was tried
        return None
    if seen.cert_problem == "none":
        return f"网站未启用HTTPS（{seen.https_url} {seen.https_error}）", f"{tried}：{seen.https_error}"
    if seen.cert_problem == "expired":
        when = f"于{seen.cert_expires:%Y-%m-%d}" if seen.cert_expires else ""
        return f"网站HTTPS证书已{when}过期", f"{tried}：{seen.https_error}；{_certificate(seen)}"
    if seen.cert_problem == "name":
        return (f"网站HTTPS证书不适用于域名{seen.host}",
                f"{tried}：{seen.https_error}；{_certificate(seen)}")
    if seen.cert_problem:
        return "网站HTTPS证书无法验证", f"{tried}：{seen.https_error}；{_certificate(seen)}"
    if seen.https_status is None or seen.https_status >= 400:
        answer = "无HTTP应答" if seen.https_status is None else f"HTTP {seen.https_status}"
        return f"通过HTTPS访问首页未获正常响应（{answer}）", f"{tried}：证书有效；请求首页：{answer}"
    if seen.cert_expires is not None:
        left = (seen.cert_expires.date() - facts.checked_on).days
        if left <= warn_days:
            return (f"网站HTTPS证书将于{seen.cert_expires:%Y-%m-%d}到期（剩余{left}天），即将过期",
                    f"{tried}：证书有效；{_certificate(seen)}")
    return None


def check(facts: SiteFacts, conf: RuleConf) -> Iterator[Finding]:
    seen = facts.transport
    if not conf["GOVCRAWL_TRANSPORT_CHECK"] or facts.home is None or seen is None:
        return
    problem = _problem(seen, facts, int(conf["GOVCRAWL_CERT_WARN_DAYS"]))
    if problem is not None:
        description, evidence = problem
        yield site_finding(facts, ID, PROBLEM_TYPE, CATEGORY, key=seen.host, url=seen.https_url,
                           description=description, evidence=evidence)
