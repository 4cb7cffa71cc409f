#!/bin/sh
# Install and start what the store, web and browser tests need on a fresh Debian machine (run as root):
# Debian's PostgreSQL (a throw-away cluster in a temp dir, owned by the postgres user, on a free
# loopback port) and Chromium with its driver. Prints one line on stdout for the caller to eval:
#   export READOUTS_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/readouts_test
# Everything else goes to stderr. Usage: eval "$(sh scripts/ci_services.sh)"
set -eu
exec 3>&1 1>&2

if [ "$(id -u)" != 0 ]; then
    echo "ci_services.sh: run as root (it installs packages and starts PostgreSQL as the postgres user)"
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! command -v chromium >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
        || ! command -v chromedriver >/dev/null; then
    apt-get update
    apt-get install -y postgresql chromium chromium-driver
fi

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
DATA=$(mktemp -d /tmp/readouts-pg.XXXXXX)
chown postgres:postgres "$DATA"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

runuser -u postgres -- "$PGBIN/initdb" -D "$DATA/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
# 3>&- : the server must not inherit the caller's captured stdout, or "$(ci_services.sh)" never returns
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DATA/data" -l "$DATA/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DATA -c fsync=off" start 3>&- </dev/null
runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres readouts_test

echo "ci_services.sh: PostgreSQL running on 127.0.0.1:$PORT (data in $DATA; stop with: runuser -u postgres -- $PGBIN/pg_ctl -D $DATA/data stop)"
echo "ci_services.sh: chromium at $(command -v chromium), chromedriver at $(command -v chromedriver)"
echo "export READOUTS_TEST_PG_URL=postgresql://postgres@127.0.0.1:$PORT/readouts_test" >&3
