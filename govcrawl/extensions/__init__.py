"""Scrapy extensions: the offline public-suffix list (OfflinePublicSuffix), the annex written when a
spider closes (AnnexOnClose) and the progress log line (ProgressLog)."""
