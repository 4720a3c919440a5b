"""JavaScript rendering with the system Chromium through scrapy-playwright (optional).

decide (pure: challenge? needs the browser?), config (typed settings), addon (switches the
download handlers on when Chromium exists), browser (the page fetch and challenge wait),
middleware (real status, shared clearance cookies), hook (the spider's questions).
"""
