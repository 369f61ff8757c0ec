#!/bin/sh
# Runs COMMAND inside the private D-Bus session `make test` opens, after starting a scratch
# gnome-keyring (Secret Service) with its login keyring unlocked for the credential tests.
#
# Usage: scripts/test-session.sh COMMAND
#
# The daemon must own the Secret Service name before any test asks for it. A request that finds
# no owner makes D-Bus start a daemon of its own, one that was never given the password: its
# login keyring is locked, and the test then waits forever on an unlock prompt nobody can
# answer (seen once in CI). So wait until the name is owned, and start again if it is not.
set -u

owned() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}

for attempt in 1 2 3; do
    eval "$(printf test | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
    tries=0
    while [ "$tries" -lt 50 ] && ! owned; do
        sleep 0.1
        tries=$((tries + 1))
    done
    owned && break
    echo "test-session: the scratch gnome-keyring has not taken the Secret Service name (attempt $attempt)" >&2
done
if ! owned; then
    echo "test-session: no Secret Service on the session bus; the credential tests cannot run" >&2
    exit 1
fi
exec sh -c "$1"
