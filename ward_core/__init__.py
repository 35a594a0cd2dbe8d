"""What the ward plugins and tools share: Pelican-free, typed, tested on its own.

Plugins import this package and never each other.
"""
