from __future__ import annotations

from urllib.parse import unquote_to_bytes

from govcrawl.crawl.search import search_query, search_target_refusal, search_url
from govcrawl.extract.search import SUBMITTABLE, UNSUBMITTABLE, SearchOffer

SITE_HOSTS = {"www.xuchang.gov.cn"}


def offer(action: str, *fields: tuple[str, str], charset: str = "") -> SearchOffer:
    return SearchOffer(SUBMITTABLE, action, "q", fields, charset, "")


def test_own_host_and_a_search_host_of_the_same_government_domain() -> None:
    assert search_target_refusal(offer("http://xuchang.gov.cn/search/"), "4110000001", SITE_HOSTS) == ""
    assert search_target_refusal(offer("https://search.xuchang.gov.cn/s"), "4110000001", SITE_HOSTS) == ""


def test_an_external_host_must_say_it_searches_this_site() -> None:
    platform = "https://search.henan.gov.cn/jrobot/search.do"
    assert search_target_refusal(offer(platform), "4110000001", SITE_HOSTS).startswith("external search host")
    assert search_target_refusal(offer(platform, ("code", "4110000001")), "4110000001", SITE_HOSTS) == ""
    assert search_target_refusal(offer(platform, ("webid", "72")), "4110000001", SITE_HOSTS) == ""
    assert search_target_refusal(offer(platform + "?site=www.xuchang.gov.cn"), "4110000001", SITE_HOSTS) == ""
    # a host outside government domains is never asked, whatever its form says
    refused = search_target_refusal(offer("http://so.example.com/s", ("siteid", "4110000001")), "4110000001",
                                    SITE_HOSTS)
    assert "not a government host" in refused
    # the bare suffix gov.cn is no shared domain
    assert search_target_refusal(offer("http://sousuo.gov.cn/s.htm"), "4110000001", {"www.gov.cn"})


def test_an_unsubmittable_offer_is_never_sent() -> None:
    assert search_target_refusal(SearchOffer(UNSUBMITTABLE, "", "", (), "", ""), "4110000001", SITE_HOSTS)


def test_url_keeps_the_fields_in_order_and_encodes_as_the_page() -> None:
    url = search_url(offer("http://www.xuchang.gov.cn/was5/search?token=1", ("channelid", "2001")), "防火 通知", "gbk")
    assert url.startswith("http://www.xuchang.gov.cn/was5/search?token=1&channelid=2001&q=")
    assert unquote_to_bytes(url.rsplit("=", 1)[1]) == "防火 通知".encode("gbk")
    utf8 = search_url(offer("http://www.xuchang.gov.cn/s", charset="utf-8"), "防火", "gbk")
    assert unquote_to_bytes(utf8.rsplit("=", 1)[1]) == "防火".encode()


def test_query_is_the_title_cut_short() -> None:
    assert search_query("  关于开展2026年秋季森林防火检查的通知 ", 8) == "关于开展2026"
    assert search_query("县政府召开 常务会议", 6) == "县政府召开"
