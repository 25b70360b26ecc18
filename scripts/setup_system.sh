#!/usr/bin/env bash
# Installs and starts what geoplan needs from the operating system (Debian/Ubuntu):
# PostgreSQL + PostGIS, GDAL, Python venv support and, with --browser, Chromium for the browser tests.
# Safe to run again: it only installs what is missing and only starts what is stopped.
set -euo pipefail

want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

missing=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

pg_version() { ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1; }

apt_updated=0
apt_install() {
  [ "$#" -gt 0 ] || return 0
  if [ "$apt_updated" -eq 0 ]; then $SUDO apt-get update -q; apt_updated=1; fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# PostgreSQL itself, when the machine has none.
if [ -z "$(pg_version)" ]; then apt_install postgresql postgresql-contrib; fi
PGV=$(pg_version)

for p in "postgresql-$PGV-postgis-3" gdal-bin libgdal-dev; do have_pkg "$p" || missing+=("$p"); done
# Redis, the job queue's broker: Debian's package where no server is installed at all.
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv python3-dev)
distro=$(. /etc/os-release && echo "${ID:-debian}")
if [ "$want_browser" -eq 1 ]; then
  # Debian packages Chromium; Ubuntu only ships a snap wrapper, so there the Makefile falls back
  # to Playwright's own Chromium build instead.
  if [ "$distro" != "ubuntu" ]; then have_pkg chromium || missing+=(chromium); fi
  # Fonts so that screenshots and text measurement in the browser tests are stable.
  have_pkg fonts-dejavu-core || missing+=(fonts-dejavu-core)
fi
if [ "${#missing[@]}" -gt 0 ]; then echo "Installing: ${missing[*]}"; apt_install "${missing[@]}"; fi

# A cluster that exists but is stopped (or a fresh install in a container without systemd).
if ! ls /etc/postgresql/"$PGV"/main >/dev/null 2>&1; then $SUDO pg_createcluster "$PGV" main; fi
if ! pg_lsclusters -h | awk -v v="$PGV" '$1==v && $2=="main" {print $4}' | grep -q online; then
  echo "Starting PostgreSQL $PGV"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$PGV" main start
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
pg_isready -h 127.0.0.1 -p 5432

# The local development role is a superuser so that the test runner can create its own
# database with the postgis extension; a real deployment uses a least-privilege role (README).
as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'geoplan') THEN
    CREATE ROLE geoplan LOGIN SUPERUSER PASSWORD 'geoplan';
  END IF;
END $$;
SQL
if ! as_postgres psql -tAq -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'geoplan'" | grep -q 1; then
  as_postgres createdb -O geoplan geoplan
fi
as_postgres psql -q -d geoplan -c "CREATE EXTENSION IF NOT EXISTS postgis"
# Redis installed but stopped (or never started in a container without systemd).
if ! redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
  echo "Starting Redis"
  $SUDO mkdir -p /var/lib/redis /var/log/redis
  $SUDO redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/geoplan.log
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG && break; sleep 0.5; done
fi
redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG
echo "System ready: PostgreSQL $PGV with PostGIS, database geoplan; Redis on 127.0.0.1:6379."
