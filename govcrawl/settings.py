"""Every govcrawl setting, declared once with its default.

Scrapy reads this module through scrapy.cfg (and the ``scrapy`` settings entry point when the project
runs from an egg under scrapyd). Rule thresholds are the ``GOVCRAWL_…`` keys below; a region file may
override any of them (and nothing else) in a ``[thresholds]`` table or per site.
"""

from __future__ import annotations

BOT_NAME = "govcrawl"
SPIDER_MODULES = ["govcrawl.spiders"]
NEWSPIDER_MODULE = "govcrawl.spiders"
COMMANDS_MODULE = "govcrawl.commands"

# --- Politeness -------------------------------------------------------------------------------
# Inspection crawls hit small government servers: few requests per host, many hosts in parallel.
ROBOTSTXT_OBEY = True
GOVCRAWL_CONTACT_URL = "https://example.invalid/govcrawl-contact"
USER_AGENT = f"govcrawl/0.1 (+{GOVCRAWL_CONTACT_URL}; government website inspection)"
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# A zero delay lets Scrapy's slot exceed the per-host concurrency (seen with 2.19); a small floor
# keeps the limit real. Set 0 only in benchmarks that measure raw throughput.
DOWNLOAD_DELAY = 0.25
RANDOMIZE_DOWNLOAD_DELAY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
REDIRECT_MAX_TIMES = 10
DNS_TIMEOUT = 20
COOKIES_ENABLED = True
TELNETCONSOLE_ENABLED = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"

# Retries: transient failures are retried with exponential backoff; Retry-After is honoured.
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
GOVCRAWL_RETRY_BACKOFF_BASE = 1.0
GOVCRAWL_RETRY_BACKOFF_MAX = 60.0

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "govcrawl.middlewares.retry.BackoffRetryMiddleware": 550,
    "govcrawl.middlewares.guard.AddressGuardMiddleware": 50,
}
SPIDER_MIDDLEWARES: dict[str, int] = {}

ITEM_PIPELINES = {
    "govcrawl.pipelines.rules.RulesPipeline": 300,
    "govcrawl.pipelines.dedup.DedupPipeline": 400,
    "govcrawl.pipelines.store.StorePipeline": 500,
    "govcrawl.pipelines.export.ExportPipeline": 800,
}

# --- Crawl scope and traps ---------------------------------------------------------------------
GOVCRAWL_MAX_PAGES = 5000          # per site; a region file's max_pages overrides it per site
GOVCRAWL_MAX_DEPTH = 8
GOVCRAWL_MAX_QUERY_VARIANTS = 20   # distinct query strings per path before the path is a trap
GOVCRAWL_MAX_PAGINATION = 50       # list pages followed per column (index_1 … index_N)
GOVCRAWL_DROP_QUERY_PARAMS = ["jsessionid", "sessionid", "sid", "phpsessid", "aspsessionid", "utm_source",
                              "utm_medium", "utm_campaign", "utm_term", "utm_content", "_", "t", "timestamp",
                              "random", "r"]
GOVCRAWL_CHECK_LINKS = True
GOVCRAWL_LINK_CHECK_TIMEOUT = 20
# Loopback and private targets are refused unless the region lives there (tests, the demo).
GOVCRAWL_ALLOW_PRIVATE = False

# --- Rendering (scrapy-playwright with the system Chromium) --------------------------------------
GOVCRAWL_RENDER = "auto"           # auto | always | never; a site's `render` overrides it
GOVCRAWL_CHROMIUM_PATH = "/usr/bin/chromium"
GOVCRAWL_MAX_RENDERED_PAGES = 200  # per site
GOVCRAWL_SCREENSHOTS = True

# --- Storage and output ---------------------------------------------------------------------------
OUTPUT_DIR = "output"
DATABASE_URL = ""                  # empty: OUTPUT_DIR/<code>/govcrawl.sqlite
REDIS_URL = ""                     # set: scrapy-redis shares the queue and dupefilter
GOVCRAWL_DB_BATCH = 200

# --- Column classes (栏目分类) ---------------------------------------------------------------------
# The first class whose keyword occurs in a column name wins; order matters.
GOVCRAWL_COLUMN_CLASSES = {
    "news": ["动态", "要闻", "新闻", "工作信息", "政务信息", "部门信息", "乡镇", "图片"],
    "notice": ["通知公告", "公告", "公示", "政策文件", "文件", "政策", "规范性文件", "法规"],
    "plan": ["人事", "任免", "规划", "计划"],
}

# --- Rule thresholds (checklist.md) ----------------------------------------------------------------
GOVCRAWL_HOME_STALE_DAYS = 14
GOVCRAWL_STALE_DAYS = {"news": 14, "notice": 183, "plan": 365}
GOVCRAWL_STALE_VETO_COUNT = 5        # stale news/notice columns that make a veto
GOVCRAWL_STALE_ANY_VETO_COUNT = 10   # stale columns of any class that make a veto
GOVCRAWL_EMPTY_VETO_COUNT = 5
GOVCRAWL_REPLY_MAX_DAYS = 90         # a consultation unanswered this long is 互动回应差
GOVCRAWL_REPLY_WINDOW_DAYS = 365
GOVCRAWL_REPLY_STALE_DAYS = 60       # 留言答复 not updated in 2 months: deduction
GOVCRAWL_GUIDE_VETO_COUNT = 5        # guides missing ≥ GOVCRAWL_GUIDE_VETO_MISSING kinds
GOVCRAWL_GUIDE_VETO_MISSING = 4
GOVCRAWL_BROKEN_LINK_POINTS_HOME = 1.0
GOVCRAWL_BROKEN_LINK_POINTS_OTHER = 0.1
GOVCRAWL_PASS_SCORE = 60.0
GOVCRAWL_REFORM_DATE = "2018-03-17"  # bodies abolished in the 2018 reform are wrong after this date
GOVCRAWL_FEED_STALE_DAYS = 14
GOVCRAWL_FEED_MAX_PAGES = 20
