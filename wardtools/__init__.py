"""Command-line tools for the ward news site (build, serve, check, …)."""
