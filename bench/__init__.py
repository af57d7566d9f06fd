"""Tuksuk's benchmark suite (issue #9): ``python -m bench`` / ``make bench``. See docs/performance.md."""
