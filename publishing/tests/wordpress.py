"""A real WordPress for the connector tests: Debian's ``wordpress`` package, PHP's built-in
server on loopback and a database of its own on the MariaDB server (127.0.0.1:3306, root).

``scripts/ensure-wordpress.sh`` installs the packages (``make wordpress``, a dependency of
``make test``). One site per test session (per xdist worker):

- a fresh database ``pauta_wp_<pid>_<worker>``, dropped at the end;
- a temporary docroot: Debian's entry files copied (``wp-load.php`` finds its
  ``wp-config.php`` next to itself: PHP resolves symlinks in ``__DIR__``, so a symlinked
  ``wp-load.php`` would read Debian's ``/etc/wordpress/config-<host>.php`` instead),
  ``wp-includes`` and ``wp-admin`` symlinked, a ``wp-content`` of its own (Debian's themes
  linked: twentytwentythree renders the posts' pages) and our
  ``wp-config.php`` (``WP_ENVIRONMENT_TYPE`` local: application passwords without HTTPS;
  WP-Cron off, run on demand by ``cron()``; no outbound HTTP);
- installed from the command line (``wp_install``), pretty permalinks (``/%postname%/``,
  so ``/wp-json/`` answers: ``php -S`` hands unknown paths to ``index.php``), an editor
  ``pauta`` with an application password, and the administrator ``admin`` the tests use to
  read posts back through WordPress's own REST API;
- served by ``php -S 127.0.0.1:<free port>``.

Without the packages or the database server the tests skip locally, and fail under CI=true.
"""

import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

WORDPRESS = Path(os.environ.get("PAUTA_WORDPRESS", "/usr/share/wordpress"))
THEMES = WORDPRESS / "wp-content" / "themes"
THEME = "twentytwentythree"  # Debian's wordpress-theme-twentytwentythree
PHP = os.environ.get("PAUTA_PHP") or shutil.which("php") or "/usr/bin/php"
DB_HOST = os.environ.get("PAUTA_WP_DB_HOST", "127.0.0.1")
DB_PORT = int(os.environ.get("PAUTA_WP_DB_PORT", "3306"))
ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
ADMIN_PASSWORD = "admin-senha-de-teste"

CONFIG = """<?php
define('DB_NAME', {db});
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', {db_host});
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', {home});
define('WP_SITEURL', {home});
define('WP_CONTENT_DIR', {content});
define('WP_ENVIRONMENT_TYPE', 'local');
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', false);
foreach (['AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE'] as $k) {{
    define($k . '_KEY', 'pauta-test-' . $k); define($k . '_SALT', 'pauta-test-salt-' . $k);
}}
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
"""

INSTALL = """<?php
define('WP_INSTALLING', true);
require __DIR__ . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$r = wp_install('Portal da Prefeitura (teste)', 'admin', 'admin@example.com', true, '',
                $argv[1]);
update_option('permalink_structure', '/%postname%/');
switch_theme($argv[2]);
$id = wp_insert_user(['user_login' => 'pauta', 'user_pass' => wp_generate_password(24),
                      'user_email' => 'pauta@example.com', 'role' => 'editor']);
list($password) = WP_Application_Passwords::create_new_application_password($id,
    ['name' => 'Pauta']);
list($admin) = WP_Application_Passwords::create_new_application_password($r['user_id'],
    ['name' => 'tests']);
echo json_encode(['user' => 'pauta', 'password' => $password, 'admin' => $admin]);
"""

CRON = """<?php
require __DIR__ . '/wp-load.php';
// What WP-Cron does on a visit: run every event that is due (future posts going out).
foreach (_get_cron_array() ?: [] as $at => $hooks) {
    if ($at > time()) continue;
    foreach ($hooks as $hook => $events) {
        foreach ($events as $event) {
            wp_unschedule_event($at, $hook, $event['args']);
            do_action_ref_array($hook, $event['args']);
        }
    }
}
"""

DATABASE = """<?php
$db = new mysqli($argv[1], 'root', '', '', (int) $argv[2]);
$db->query($argv[3]) or exit(1);
"""


def missing() -> str:
    """Why a real WordPress cannot run here ("" when it can)."""
    if not ((WORDPRESS / "wp-settings.php").exists() and (THEMES / THEME).is_dir()
            and os.access(PHP, os.X_OK)):
        return (f"WordPress ({WORDPRESS}, theme {THEME}) or PHP ({PHP}) is missing: run "
                "scripts/ensure-wordpress.sh")
    try:
        socket.create_connection((DB_HOST, DB_PORT), timeout=2).close()
    except OSError:
        return f"the MariaDB server ({DB_HOST}:{DB_PORT}) is not answering"
    return ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _php_quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


class WordPress:
    """One WordPress site on loopback; ``url`` is its address."""

    def __init__(self):
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self.db = f"pauta_wp_{os.getpid()}_{worker}"
        self.root = Path(tempfile.mkdtemp(prefix="pauta-wp-"))
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = None
        self.user = self.password = self.admin = ""

    def _php(self, *args, timeout=120) -> str:
        done = subprocess.run([PHP, *args], cwd=self.root, capture_output=True, text=True,
                              timeout=timeout, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"php {args[0]} failed: {done.stdout[-2000:]} "
                               f"{done.stderr[-2000:]}")
        return done.stdout

    def _sql(self, statement: str) -> None:
        self._php(str(self.root / "pauta-db.php"), DB_HOST, str(DB_PORT), statement)

    def start(self) -> "WordPress":
        for entry in WORDPRESS.iterdir():
            if entry.name in ("wp-config.php", "wp-content", ".htaccess"):
                continue
            target = self.root / entry.name
            if entry.is_dir():
                target.symlink_to(entry)
            else:
                shutil.copy(entry, target)
        content = self.root / "wp-content"
        for sub in ("plugins", "uploads", "mu-plugins"):
            (content / sub).mkdir(parents=True)
        (content / "themes").symlink_to(THEMES)  # Debian's themes, read only
        (self.root / "wp-config.php").write_text(CONFIG.format(
            db=_php_quote(self.db), db_host=_php_quote(f"{DB_HOST}:{DB_PORT}"),
            home=_php_quote(self.url), content=_php_quote(str(content))))
        (self.root / "pauta-install.php").write_text(INSTALL)
        (self.root / "pauta-cron.php").write_text(CRON)
        (self.root / "pauta-db.php").write_text(DATABASE)
        self._sql(f"DROP DATABASE IF EXISTS `{self.db}`")
        self._sql(f"CREATE DATABASE `{self.db}` CHARACTER SET utf8mb4")
        answer = json.loads(self._php("pauta-install.php", ADMIN_PASSWORD, THEME).strip()
                            .splitlines()[-1])
        self.user, self.password, self.admin = (answer["user"], answer["password"],
                                                answer["admin"])
        self.server = subprocess.Popen(  # noqa: S603
            [PHP, "-S", f"127.0.0.1:{self.port}", "-t", str(self.root)], cwd=self.root,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.terminate()
            try:
                self.server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.server.kill()
        try:
            self._sql(f"DROP DATABASE IF EXISTS `{self.db}`")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def cron(self) -> None:
        """Run WordPress's due scheduled events now (WP-Cron, which publishes future posts)."""
        self._php("pauta-cron.php")

    def api(self, method: str, route: str, data: dict | None = None):
        """Call WordPress's REST API as its administrator: (HTTP status, JSON answer)."""
        token = base64.b64encode(f"admin:{self.admin}".encode()).decode()
        request = urllib.request.Request(  # noqa: S310
            f"{self.url}/wp-json{route}", method=method,
            data=json.dumps(data).encode() if data is not None else None,
            headers={"Authorization": f"Basic {token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}")
