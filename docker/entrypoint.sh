#!/bin/bash
# Container start, the way *arr images start: PUID, PGID and UMASK pick the user that owns /config;
# the data folder is made that user's (only what is not already), root is dropped, then the command
# runs: `serve` (default: migrations, adoption included, then the ASGI server), `worker` (the RQ
# worker of the Redis set-up), `manage ARGS`, or any program. Called as `manage` (a symlink, for
# `docker exec`), it runs manage.py.
set -euo pipefail

say() { echo "sublarr: $*" >&2; }
die() { say "$*"; exit 1; }

DATA=${SUBLARR_DATA_DIR:-/config}
PUID=${PUID:-1000}
PGID=${PGID:-1000}
UMASK=${UMASK:-022}
PORT=${SUBLARR_PORT:-5765}
ACCOUNT=sublarr

[[ $PUID =~ ^[0-9]+$ ]] || die "PUID=$PUID is not a numeric user id"
[[ $PGID =~ ^[0-9]+$ ]] || die "PGID=$PGID is not a numeric group id"
[[ $UMASK =~ ^0?[0-7]{3}$ ]] || die "UMASK=$UMASK is not an octal mask such as 022 or 002"
[[ $PORT =~ ^[0-9]+$ ]] && ((PORT > 0 && PORT < 65536)) || die "SUBLARR_PORT=$PORT is not a port number"
umask "$UMASK"

adjust_account() {
    # The account only gives the ids a name (ps, ls inside the container). With a read-only root
    # file system (read_only: true) /etc cannot change, and the numeric ids serve just as well.
    if [ "$(id -u "$ACCOUNT")" = "$PUID" ] && [ "$(id -g "$ACCOUNT")" = "$PGID" ]; then
        return
    fi
    if ! [ -w /etc/passwd ] || ! [ -w /etc/group ]; then
        say "read-only /etc: running as uid $PUID gid $PGID without an account name"
        return
    fi
    # -o: the ids may already belong to another account (PGID=100 'users' on Unraid).
    groupmod -o -g "$PGID" "$ACCOUNT"
    usermod -o -u "$PUID" -g "$PGID" "$ACCOUNT"
}

own() {
    # Only entries that are not the user's yet: a second start touches nothing. -xdev never
    # crosses into another mount (a media library mounted below /config).
    find "$@" -xdev \( ! -uid "$PUID" -o ! -gid "$PGID" \) -exec chown -h "$PUID:$PGID" {} + 2>/dev/null || true
}

claim_data_folder() {
    mkdir -p "$DATA" 2>/dev/null || true
    [ -d "$DATA" ] || die "the data folder $DATA does not exist and cannot be created"
    # The folder and the files directly in it (sublarr.db, its -wal/-shm, api_key, secret_key,
    # adoption backups), then Sublarr's own sub-folders; never a recursive chown of everything.
    own "$DATA" -maxdepth 1
    local folder
    for folder in backups hooks; do
        [ -d "$DATA/$folder" ] && own "$DATA/$folder"
    done
    return 0
}

# The prefix that runs a program as the user: setpriv (util-linux) drops root for good.
USER_PREFIX=()
if [ "$(id -u)" = 0 ]; then
    USER_PREFIX=(setpriv --reuid="$PUID" --regid="$PGID" --clear-groups --no-new-privs --)
fi
as_user() { "${USER_PREFIX[@]}" "$@"; }

if [ "$(id -u)" = 0 ]; then
    adjust_account
    claim_data_folder
else
    # Started as a user already (`user: 1000:1000`): nothing to change, the folder must suit it.
    PUID=$(id -u) PGID=$(id -g)
fi
if ! as_user test -w "$DATA" -a -x "$DATA"; then
    die "the data folder $DATA is not writable by uid $PUID gid $PGID (a read-only mount, or a file system that refuses chown such as NFS with root_squash); on the host run: chown -R $PUID:$PGID <your config folder>"
fi
export HOME=$DATA

if [ "$(basename "$0")" = manage ]; then
    set -- manage "$@"
fi
command=${1:-serve}
[ "$#" -gt 0 ] && shift
case "$command" in
    serve)
        as_user python3 /app/manage.py migrate --no-input
        # Creates the key on the first start; the log names the file, never the key.
        say "API key: $(as_user python3 /app/manage.py api_key --where)"
        say "serving on port $PORT"
        exec "${USER_PREFIX[@]}" python3 -m uvicorn sublarr.asgi:application \
            --app-dir /app --host "${SUBLARR_HOST:-0.0.0.0}" --port "$PORT" --proxy-headers "$@"
        ;;
    worker)
        exec "${USER_PREFIX[@]}" python3 /app/manage.py run_worker "$@"
        ;;
    manage)
        exec "${USER_PREFIX[@]}" python3 /app/manage.py "$@"
        ;;
    *)
        exec "${USER_PREFIX[@]}" "$command" "$@"
        ;;
esac
