"""Both annexes: rows, scoring and verdicts, the safe xlsx writer, evidence screenshots, crawl summary."""
