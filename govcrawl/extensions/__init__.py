"""Scrapy extensions: the offline public-suffix list (OfflinePublicSuffix) and the annex written when a
spider closes (AnnexOnClose)."""
