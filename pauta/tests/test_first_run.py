"""The first run (`make run`): logs printed once, a banner that names every demo login, and a
README that lists them, the sign-in page and the HOST/PORT settings."""

import logging
import logging.config
import re
from pathlib import Path

from django.conf import settings
from huey.consumer_options import ConsumerConfig

from pauta.demo import DEMO_PASSWORD, demo_banner, demo_logins

README = Path(settings.BASE_DIR) / "README.md"


def _printing_handlers(logger: logging.Logger) -> list[logging.Handler]:
    """The handlers a record of ``logger`` reaches (pytest's capture handlers left out)."""
    found = []
    while logger is not None:
        found += [h for h in logger.handlers if not type(h).__module__.startswith("_pytest")]
        if not logger.propagate:
            break
        logger = logger.parent
    return found


def test_huey_lines_are_printed_once():
    logging.config.dictConfig(settings.LOGGING)
    logger = logging.getLogger("huey")
    # what `manage.py run_huey` does before it starts the consumer
    if not logger.handlers:
        ConsumerConfig(workers=2, worker_type="thread").setup_logger(logger)
    assert len(_printing_handlers(logger)) == 1


def test_banner_names_the_url_the_login_page_and_every_demo_login():
    banner = demo_banner("http://127.0.0.1:8113")
    assert "http://127.0.0.1:8113/" in banner
    assert "http://127.0.0.1:8113/login/" in banner
    assert DEMO_PASSWORD in banner
    for username, _roles in demo_logins():
        assert re.search(rf"^\s+{re.escape(username)}\s", banner, re.M), username


def test_readme_lists_every_demo_login_and_the_settings_of_the_first_run():
    text = README.read_text(encoding="utf-8")
    for username, _roles in demo_logins():
        assert f"`{username}`" in text, username
    assert "/login/" in text
    assert "make run PORT=" in text and "HOST=" in text


def test_run_demo_prints_the_banner_after_the_server_answers():
    script = (Path(settings.BASE_DIR) / "scripts" / "run-demo.sh").read_text(encoding="utf-8")
    assert script.index("/login/") < script.index('printf')  # waits for the server, then prints
    assert "manage.py demo_banner" in script
