#!/usr/bin/env bash
# The WordPress connector tests (publishing/tests/test_wordpress_connector.py) run against a
# real WordPress: Debian's wordpress package served by PHP's built-in server (php-cli), on a
# database of its own on the MariaDB server at 127.0.0.1:3306 (root, no password). This
# installs the packages when missing (through ensure-debian.sh: an error under CI=true when it
# cannot, a warning otherwise: the tests then skip) and starts MariaDB when it is not
# answering and this is root. --no-install-recommends, but the default theme (the tests read
# the published post's page).
set -uo pipefail
here=$(dirname "$0")
wordpress=${PAUTA_WORDPRESS:-/usr/share/wordpress}
php=${PAUTA_PHP:-/usr/bin/php}
theme="$wordpress/wp-content/themes/twentytwentythree"
case "${CI:-}" in 1|true|TRUE|True|yes) on_ci=1 ;; *) on_ci=0 ;; esac

ready() {
  [ -f "$wordpress/wp-settings.php" ] && [ -d "$theme" ] && [ -x "$php" ] \
    && "$php" -r 'exit(extension_loaded("mysqli") && extension_loaded("curl") ? 0 : 1);'
}
packages=(wordpress wordpress-theme-twentytwentythree php-cli php-mysql php-curl php-xml)
if ! ready; then
  # ensure-debian.sh installs when its path is missing: the theme's folder, then PHP.
  APT_OPTS=--no-install-recommends "$here/ensure-debian.sh" "$theme" \
    "the WordPress connector tests" "${packages[@]}" || exit 1
  APT_OPTS=--no-install-recommends "$here/ensure-debian.sh" "$php" \
    "the WordPress connector tests" "${packages[@]}" || exit 1
  if ! ready; then
    why="WordPress ($wordpress/wp-settings.php, its theme twentytwentythree) or PHP with mysqli and curl ($php) is missing (apt-get install ${packages[*]})"
    if [ "$on_ci" = 1 ]; then
      echo "ERROR: $why; CI=true needs the WordPress connector tests." >&2
      exit 1
    fi
    echo "WARNING: $why; the WordPress connector tests will be skipped."
    exit 0
  fi
fi

db_up() { (exec 3<>/dev/tcp/127.0.0.1/3306) 2>/dev/null; }
if ! db_up && [ "$(id -u)" = "0" ] && command -v mariadbd-safe >/dev/null; then
  echo "MariaDB is not answering on 127.0.0.1:3306; starting it…"
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null
  (mariadbd-safe --bind-address=127.0.0.1 >/dev/null 2>&1 &)
  for _ in $(seq 1 30); do db_up && break; sleep 1; done
fi
if ! db_up; then
  if [ "$on_ci" = 1 ]; then
    echo "ERROR: the MariaDB server (127.0.0.1:3306) is not answering; CI=true needs it for the WordPress connector tests." >&2
    exit 1
  fi
  echo "WARNING: the MariaDB server (127.0.0.1:3306) is not answering; the WordPress connector tests will be skipped."
fi
exit 0
