"""Columns (栏目): the list pages whose newest item date the staleness indicators judge.

栏目不更新 counts back from the newest item of a column's list page; 空白栏目 needs to know that a
column lists nothing ("暂无信息", an empty list). One module per job: ``naming`` (column name and
class), ``lists`` (list detection), ``pagination`` (further pages, pager totals, script pagers),
``empty`` (empty markers and blocks); ``info`` gathers them for one page. The column a pager page
belongs to is read from its URL alone, in govcrawl.crawl.column_urls, so storage can key column
rows by it without importing extraction.
"""

from govcrawl.extract.columns.info import ColumnInfo, column_info
from govcrawl.extract.columns.lists import ListEntry, homepage_newest

__all__ = ["ColumnInfo", "ListEntry", "column_info", "homepage_newest"]
