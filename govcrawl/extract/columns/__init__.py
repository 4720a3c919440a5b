"""Columns (栏目): the list pages whose newest item date the staleness indicators judge.

栏目不更新 counts back from the newest item of a column's list page; 空白栏目 needs to know that a
column lists nothing ("暂无信息", an empty list). One module per job: ``naming`` (column name and
class), ``lists`` (list detection), ``pagination`` (further pages, pager totals, the URL family a
page belongs to), ``empty`` (empty markers and blocks); ``info`` gathers them for one page.
"""

from govcrawl.extract.columns.info import ColumnInfo, column_info
from govcrawl.extract.columns.lists import ListEntry, homepage_newest

__all__ = ["ColumnInfo", "ListEntry", "column_info", "homepage_newest"]
