"""Every govcrawl setting, declared once with its default.

Scrapy reads this module through scrapy.cfg (and the ``scrapy`` settings entry point when the project
runs from an egg under scrapyd). govcrawl code reads its own keys through govcrawl/config.py, which
checks them once.

Two kinds of ``GOVCRAWL_…`` keys (the split is declared once, in ``govcrawl.config.PROCESS_WIDE``):
per-site thresholds, which a region file may set in ``[thresholds]`` or a site's ``thresholds`` (rule
thresholds and a site's crawl caps), and process-wide settings, which only ``-s`` sets, because they
are how this process crawls, renders and stores, the same for every site. Each group below says which.
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
DOWNLOAD_DELAY_JITTER = 0.5           # ±50 % around the delay, so visits do not tick like a clock
# One random draw per gap, so the gaps average DOWNLOAD_DELAY (Scrapy's own slots redraw while they
# wait and average ~1.22 × the delay: middlewares/delay.py).
DOWNLOADER = "govcrawl.middlewares.delay.SteadyJitterDownloader"
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
# A link that stays broken after its retries is a finding for the annex, not an error of the crawl.
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"
# Process-wide: the contact URL, the delay floor, retry backoff, the suffix list and the probe deadline
# are the politeness of this crawler, not a property of one site.
GOVCRAWL_RETRY_BACKOFF_BASE = 1.0
GOVCRAWL_RETRY_BACKOFF_MAX = 60.0

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "govcrawl.middlewares.retry.BackoffRetryMiddleware": 550,
    "govcrawl.middlewares.guard.AddressGuardMiddleware": 50,
    # robots.txt fetches that fail by a network fault are one WARNING line each (middlewares/robots.py)
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "govcrawl.middlewares.robots.QuietRobotsTxtMiddleware": 100,
    # a hacked page's refresh to a spam host is evidence, never followed (middlewares/refresh.py)
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "govcrawl.middlewares.refresh.SafeMetaRefreshMiddleware": 580,
}
SPIDER_MIDDLEWARES: dict[str, int] = {}
EXTENSIONS = {"govcrawl.extensions.offline.OfflinePublicSuffix": 0, "govcrawl.extensions.annex.AnnexOnClose": 800,
              "govcrawl.extensions.progress.ProgressLog": 500, "govcrawl.extensions.workers.WorkerHeartbeat": 600,
              # one crawl per run; a killed crawl's JOBDIR starts over. After Scrapy's SpiderState (0).
              "govcrawl.extensions.runguard.RunGuard": 1}
# Seconds between progress log lines (sites done/total, pages, links, rate, ETA); 0: only at the end.
GOVCRAWL_PROGRESS_INTERVAL = 60.0
# Cookies' public-suffix checks use the list bundled with tldextract, never a download.
GOVCRAWL_OFFLINE_SUFFIX_LIST = True
# Write the annexes when a crawl closes (a distributed run's workers never do: scrapy annex, once).
GOVCRAWL_ANNEX_ON_CLOSE = True

ITEM_PIPELINES = {
    "govcrawl.pipelines.rules.RulesPipeline": 300,
    "govcrawl.pipelines.dedup.DedupPipeline": 400,
    "govcrawl.pipelines.store.StorePipeline": 500,
    # 政务新媒体 posts and account outcomes are stored right after the generic store (which opens the run)
    "govcrawl.pipelines.store_feeds.FeedStorePipeline": 510,
    "govcrawl.pipelines.store_search.SearchStorePipeline": 520,  # the site-search queries (搜索功能缺失)
}
# Every pipeline above is synchronous, so items of one response gain nothing from being processed
# side by side; Scrapy's default (100) starts 100 asyncio tasks for every response's output, about
# a fifth of the crawl process's time on a fast crawl.
CONCURRENT_ITEMS = 1

# --- Crawl scope and traps ---------------------------------------------------------------------
# Per-site: MAX_PAGES, MAX_DEPTH, MAX_QUERY_VARIANTS, MAX_PAGINATION, MAX_LINKS_PER_PAGE (and CALENDAR_HORIZON_DAYS
# below) bound one site's crawl, and a big portal needs other caps than a county bureau.
# Process-wide: DROP_QUERY_PARAMS is the URL identity the dupefilter and the store share across
# sites; link checks and ALLOW_PRIVATE (a security guard) are how this process crawls.
GOVCRAWL_MAX_PAGES = 5000          # per site; a region file's max_pages overrides it per site
GOVCRAWL_MAX_DEPTH = 8
GOVCRAWL_MAX_QUERY_VARIANTS = 20   # distinct query strings per path before the path is a trap
GOVCRAWL_MAX_PAGINATION = 50       # list pages followed per column (index_1 … index_N)
GOVCRAWL_MAX_LINKS_PER_PAGE = 3000 # distinct links read from one page (a portal's index has ~1000)
GOVCRAWL_DROP_QUERY_PARAMS = ["jsessionid", "sessionid", "sid", "phpsessid", "aspsessionid", "utm_source",
                              "utm_medium", "utm_campaign", "utm_term", "utm_content", "_", "t", "timestamp",
                              "random", "r"]
GOVCRAWL_CHECK_LINKS = True
GOVCRAWL_LINK_CHECK_TIMEOUT = 20
# A link longer than this is not requested (unchecked): servers refuse such request lines, and a
# 10,000-character address in a page is a trap or garbage, not a page of the site.
GOVCRAWL_MAX_URL_LENGTH = 2048
# Loopback and private targets are refused unless the region lives there (tests, the demo).
GOVCRAWL_ALLOW_PRIVATE = False
# Network faults are not findings (crawl/netfault.py): before a link that failed by DNS, refusal or
# timeout is reported, these are fetched (at the start and again after the end-of-run re-check); when
# none answers the network is unconfirmed and such links stay unchecked. Empty: the region's own
# homepages are the canary (an isolated deployment; tests, which must never leave loopback).
GOVCRAWL_CANARY_URLS = ["https://www.gov.cn/", "https://www.baidu.com/", "https://www.qq.com/"]

# --- Storage and output (process-wide) -----------------------------------------------------------
# GOVCRAWL_HOME (absolute) holds regions/ and, per region code, the database, annexes and evidence, so
# every job of a region shares one database from a checkout or from scrapyd. Empty: the GOVCRAWL_HOME
# environment variable, else output/ beside scrapy.cfg (govcrawl/home.py).
GOVCRAWL_HOME = ""
OUTPUT_DIR = ""                    # empty: GOVCRAWL_HOME (set only to put one run's output elsewhere)
DATABASE_URL = ""                  # empty: OUTPUT_DIR/<code>/govcrawl.sqlite
REDIS_URL = ""                     # set: scrapy-redis shares the queue and dupefilter
GOVCRAWL_DB_BATCH = 200
# Seconds a write keeps retrying while the database server is away (a PostgreSQL restart): the
# crawl pauses meanwhile and loses nothing; after this the error stops the crawl. SQLite never retries.
GOVCRAWL_DB_RETRY_SECONDS = 120.0

# --- Column classes (栏目分类; per-site: a region names its columns its own way) ------------------------
# The first class whose keyword occurs in a column name wins; order matters.
GOVCRAWL_COLUMN_CLASSES = {
    "news": ["动态", "要闻", "新闻", "工作信息", "政务信息", "部门信息", "乡镇", "图片"],
    "notice": ["通知公告", "公告", "公示", "政策文件", "文件", "政策", "规范性文件", "法规"],
    "plan": ["人事", "任免", "规划", "计划"],
}

# --- Rule thresholds (checklist.md; per-site: what a site is judged with) ------------------------------
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
GOVCRAWL_LOCAL_REFORM_DATE = "2019-03-31"  # … local ones (市卫生和计划生育委员会) after the local reforms ended
GOVCRAWL_FEED_STALE_DAYS = 14
GOVCRAWL_FEED_MAX_PAGES = 20

# --- Crawl engine (spiders gov/probe, link checks, store; process-wide except the calendar horizon) --
# Scrapy 2.19 lets a slot with a zero delay start every queued request at once, past
# CONCURRENT_REQUESTS_PER_DOMAIN; the spiders raise DOWNLOAD_DELAY to at least this floor.
GOVCRAWL_MIN_DOWNLOAD_DELAY = 0.01
# Pages are read (parsed, columns, dates, links: govcrawl/crawl/extractpool.py) in this many worker
# processes beside the gov crawl, so the crawl process only schedules, judges and stores.
# -1: one less than the CPUs the crawl may use (at most 4); 0: every page is read in the crawl process.
GOVCRAWL_EXTRACT_PROCESSES = -1
# A crawl reads this many pages itself before it starts the workers: a small crawl never pays their start-up.
GOVCRAWL_EXTRACT_POOL_AFTER = 200
# A calendar link dated more than this many days after as_of is a trap, not a page.
GOVCRAWL_CALENDAR_HORIZON_DAYS = 366
# The probe's "homepage opened" deadline: visits slower than this count as failures (checklist).
GOVCRAWL_PROBE_TIMEOUT = 15
# Link checks (HEAD, or GET stopped after the headers) queue behind page fetches.
GOVCRAWL_LINK_CHECK_PRIORITY = -10

# --- Rendering (scrapy-playwright with the system Chromium; govcrawl/render/) -----------------------
# Process-wide: the browser belongs to the machine that runs the crawl; a site chooses only its own
# mode, with the region file's `render` key.
# The add-on switches scrapy-playwright's download handlers on only when Chromium exists at
# GOVCRAWL_CHROMIUM_PATH and GOVCRAWL_RENDER is not "never"; without it the crawl runs and marks
# pages that needed the browser. Playwright never downloads a browser of its own.
ADDONS = {"govcrawl.render.addon.RenderAddon": 100}
GOVCRAWL_RENDER = "auto"           # auto | always | never; a site's `render` overrides it
GOVCRAWL_CHROMIUM_PATH = "/usr/bin/chromium"
GOVCRAWL_MAX_RENDERED_PAGES = 200  # rendered pages each site may use (one cap for the whole run)
GOVCRAWL_SCREENSHOTS = True
GOVCRAWL_CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                          "--disable-dev-shm-usage", "--disable-component-update", "--no-first-run"]
GOVCRAWL_RENDER_SCRIPT_RATIO = 0.6      # auto mode renders a page whose text is at least this much script
GOVCRAWL_RENDER_PAGES_PER_SITE = 2      # open browser pages per site (one browser context per site)
GOVCRAWL_RENDER_TIMEOUT = 30            # seconds for a page to load and settle, challenge reloads included
GOVCRAWL_RENDER_CHALLENGE_ROUNDS = 3    # reloads a firewall challenge may take before the page counts
GOVCRAWL_RENDER_BLOCK_RESOURCES = ["image", "media", "font"]  # not loaded when rendering for facts
GOVCRAWL_SCREENSHOT_TIMEOUT = 30        # seconds per evidence screenshot
GOVCRAWL_SCREENSHOT_MAX_HEIGHT = 8000   # px; taller pages are cut around the highlighted phrase

# --- Rules framework: availability, coverage, dedup, scoring (checklist.md; per-site) -----------------
GOVCRAWL_PROBE_WINDOW_DAYS = 7       # 站点无法访问: probe samples of the days before as_of
GOVCRAWL_PROBE_MIN_DAILY = 20        # visits every one of those days needs for the site to count as monitored
GOVCRAWL_UNREACHABLE_RATE = 0.05     # share of monitored visits failing that makes the veto
GOVCRAWL_HOME_OPEN_SECONDS = 15.0    # a homepage that takes longer than this to open counts as not open
GOVCRAWL_STALE_VETO_CLASSES = ["news", "notice"]  # classes counted against GOVCRAWL_STALE_VETO_COUNT
GOVCRAWL_INTERACTION_MIN_PAGES = 20  # pages a crawl must have seen before it may say "no consultation channel"
GOVCRAWL_DEDUP_PAGES = 5             # pages named on one merged annex row ("出现在40个页面" names the first few)
# Points per 扣分 row of each 问题类型 when the rule gives none (不可用链接 sets its own: home/other), and
# each item's cap: deductions inside one item never exceed its points. Veto-only types score nothing.
# Practice values (provincial circulars); the national text does not publish them.
GOVCRAWL_DEDUCTION_POINTS = {
    "站点无法访问": 0.0, "首页不更新": 0.0, "栏目不更新": 5.0, "空白栏目": 2.0, "严重表述错误": 0.0,
    "错别字": 1.0, "暗链或违规内容": 0.0, "不可用链接": 0.1, "网站标识缺失": 1.0, "办事指南要素缺失": 1.0,
    "互动回应差": 3.0, "元数据缺失": 2.0, "找错入口缺失": 1.0, "域名不规范": 1.0,
    "伪造发稿日期": 1.0, "年度报告未按时发布": 2.0, "搜索功能缺失": 2.0, "适老化与无障碍": 1.0,
    "未支持IPv6": 1.0, "未启用HTTPS": 1.0,
}
GOVCRAWL_DEDUCTION_CAPS = {
    "站点无法访问": 0.0, "首页不更新": 0.0, "栏目不更新": 20.0, "空白栏目": 10.0, "严重表述错误": 0.0,
    "错别字": 5.0, "暗链或违规内容": 0.0, "不可用链接": 5.0, "网站标识缺失": 4.0, "办事指南要素缺失": 10.0,
    "互动回应差": 6.0, "元数据缺失": 2.0, "找错入口缺失": 1.0, "域名不规范": 2.0,
    "伪造发稿日期": 5.0, "年度报告未按时发布": 2.0, "搜索功能缺失": 2.0, "适老化与无障碍": 2.0,
    "未支持IPv6": 1.0, "未启用HTTPS": 1.0,
}

# --- 功能设计 rules: 找错入口, 域名 (per-site) ------------------------------------------------------------
# A 政府网站's domain ends with one of these (部门 sites sit under their government's .gov.cn domain).
GOVCRAWL_DOMAIN_SUFFIXES = [".gov.cn"]
# False for a site whose address is not judged (a region's test or staging deployment on a bare address).
GOVCRAWL_DOMAIN_CHECK = True

# --- 搜索功能缺失 (per-site) ----------------------------------------------------------------------------
# The crawl asks the homepage's search for the titles of articles it crawled (each query counts as a
# page of the site's budget) and the rule checks the results list them.
GOVCRAWL_SEARCH_CHECK = True       # False: no query is sent and no search row is written
GOVCRAWL_SEARCH_QUERIES = 2        # articles asked for before a search that misses is reported
GOVCRAWL_SEARCH_QUERY_CHARS = 30   # a long title is cut to this (search boxes cap their input)
GOVCRAWL_SEARCH_MIN_AGE_DAYS = 3   # only articles dated this long before as_of are asked for (index lag)

# --- 适老化与无障碍 (per-site; 扣分 only, off unless a region checks it) ---------------------------------
GOVCRAWL_ACCESSIBILITY_CHECK = False
GOVCRAWL_ACCESSIBILITY_SAMPLE_PAGES = 20      # the homepage and the first pages crawled after it
GOVCRAWL_ACCESSIBILITY_FAILING_SHARE = 0.3    # share of the sample failing a basic check that makes a row
# --- 未支持IPv6, 未启用HTTPS (crawl/transport.py: once per site, the homepage host only) -------------------
# False for a site whose transport is not judged (per-site, like GOVCRAWL_DOMAIN_CHECK); a bare-IP
# address is never checked (域名不规范 covers it).
GOVCRAWL_TRANSPORT_CHECK = True
# A verified certificate expiring within this many days is a warning row (per-site).
GOVCRAWL_CERT_WARN_DAYS = 30
# Process-wide: the CA bundle the certificate is verified against ("": the system store), the port
# tried for HTTPS when the region file gives an http:// address, the timeout of each connection, and
# the host lookup ("": the system's getaddrinfo; a "module:function" taking (host, family) and
# returning addresses, for tests — Scrapy's own resolver answers IPv4 only).
GOVCRAWL_CA_BUNDLE = ""
GOVCRAWL_HTTPS_PORT = 443
GOVCRAWL_TRANSPORT_TIMEOUT = 10.0
GOVCRAWL_TRANSPORT_RESOLVER = ""

# --- 伪造发稿日期 (per-site) ----------------------------------------------------------------------------
# Days a shown 发布日期 may precede the creation date a content system writes into the address
# (editors fix a date by a few weeks; "months" earlier is a page dated back).
GOVCRAWL_BACKDATE_URL_DAYS = 90
# 旧文新发 (rules/republished.py): an article an earlier run saw reappears under a newer date. Titles
# shorter than this (characters, spaces and punctuation dropped) name no single article.
GOVCRAWL_REPUBLISH_MIN_TITLE = 10
# Days the new date must lie after the old one (a date corrected by a few days is no re-dating).
GOVCRAWL_REPUBLISH_MIN_DAYS = 30
# How alike the two pages' visible text must read (difflib ratio 0-1, dates removed): the same article.
GOVCRAWL_REPUBLISH_MIN_SIMILARITY = 0.9

# --- 年度报告未按时发布 (per-site) --------------------------------------------------------------------
GOVCRAWL_ANNUAL_REPORT_DEADLINE = "01-31"  # month-day of the inspection year the previous year's report is due by
GOVCRAWL_ANNUAL_REPORT_MIN_PAGES = 20      # pages a crawl must have seen before it may say "no report"

# --- Content rules: 严重表述错误, 错别字, 暗链或违规内容 (rules/_lexicon.py, rules/lexicons/; per-site) ------
# GOVCRAWL_REFORM_DATE (above) dates the 2018 institutional reform for abolished body names.
GOVCRAWL_QUOTE_CHARS = 80              # longest evidence quote: the sentence around a wrong phrase
GOVCRAWL_WORDING_IGNORE: list[str] = []  # wrong phrases a region has checked and accepts (never reported)
GOVCRAWL_SPAM_SCORE = 3                # points (weak spam terms + spam shape) in one sentence that make it spam;
                                       # one strong term is always enough (rules/_spam.py)

# --- Distributed runs (REDIS_URL set; govcrawl/distributed/; process-wide) --------------------------
# A run's shared Redis keys (queue, dupefilter, run id, worker count) start with this prefix; it names
# the region, spider and as_of so that different regions and inspection dates never share a queue.
GOVCRAWL_REDIS_KEY = "govcrawl:{region}:{spider}:{as_of}"
# An idle worker stays this long after any worker last took a request: that worker's page may still
# add links to the shared queue. Scrapy looks at an idle spider every 5 s, so closing takes up to 5 s more.
GOVCRAWL_REDIS_IDLE_SECONDS = 10.0
# How long a joining worker waits for the first worker to open the shared run in the database.
GOVCRAWL_REDIS_RUN_WAIT_SECONDS = 60.0
# Every crawl process records itself as a worker of its run and says it is alive this often (seconds);
# one silent for GOVCRAWL_WORKER_LOST_SECONDS was killed: the annex step then calls the run incomplete
# instead of waiting for it (govcrawl/storage/workers.py).
GOVCRAWL_WORKER_HEARTBEAT = 30.0
GOVCRAWL_WORKER_LOST_SECONDS = 300.0
