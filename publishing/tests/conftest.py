"""The real WordPress of the connector tests (``publishing.tests.wordpress``): one site per
test session and xdist worker, started on first use."""

import pytest

from publishing.tests.wordpress import ON_CI, WordPress, missing


@pytest.fixture(scope="session")
def wordpress():
    reason = missing()
    if reason:
        if ON_CI:
            pytest.fail(f"{reason}; CI=true needs the WordPress connector tests.")
        pytest.skip(reason)
    site = WordPress()
    try:
        site.start()
        yield site
    finally:
        site.stop()
