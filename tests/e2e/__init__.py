"""Browser end-to-end tests (Playwright + Debian Chromium)."""
