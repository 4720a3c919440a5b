"""Scrapy extensions: the offline public-suffix list and the annex written when a spider closes."""
