"""Import the archive of an old ward portal (saved HTML pages, WordPress WXR)."""
