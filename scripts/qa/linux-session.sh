#!/usr/bin/env bash
# A headless Linux desktop session for one command: an X server (Xvfb), a private D-Bus
# session bus and an unlocked GNOME Keyring answering as the Secret Service. It runs the
# command inside that session, returns the command's exit code, and stops everything it
# started, whether the command succeeds, fails or the script is interrupted.
#
#   scripts/qa/linux-session.sh <command> [args...]
#
# Why each part: Electron needs a display; Chromium's safeStorage reaches the keyring over
# the session bus; a locked or missing keyring makes it fall back to 'basic_text'.
# Rules:
# - everything lives in one temporary folder (the bus socket, the keyring's files and its
#   control socket), so the person's own keyring and bus are never touched;
# - the bus has no service folders, so nothing is started behind our back by D-Bus
#   activation: every process here is one this script started, and it stops each of them;
# - readiness is awaited by observing it (Xvfb's -displayfd, the bus name's owner), never
#   by sleeping a fixed time.
# Needs Debian's xvfb, dbus-daemon (dbus-bin), gnome-keyring and libsecret-tools (for checks).
# Each process started is announced on stderr as "linux-session: started NAME (pid N)".
set -euo pipefail

READY_TIMEOUT_SECONDS=20
SELF=linux-session

say() { echo "$SELF: $*" >&2; }
die() { say "$*"; exit 70; }

if [ $# -eq 0 ]; then
  say "usage: scripts/qa/linux-session.sh <command> [args...]"
  exit 64
fi

missing=()
for tool in Xvfb dbus-daemon dbus-send gnome-keyring-daemon; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  die "missing ${missing[*]}; install the Debian packages xvfb, dbus-daemon, dbus-bin, gnome-keyring and libsecret-tools"
fi

session_dir=$(mktemp -d "${TMPDIR:-/tmp}/qa-linux-session.XXXXXX")
chmod 700 "$session_dir"
started=()   # "pid name", in start order; stopped in reverse
child_pid=

stop_all() {
  local status=$?
  trap - EXIT INT TERM HUP
  if [ -n "$child_pid" ] && kill -0 "$child_pid" 2>/dev/null; then
    kill -TERM "$child_pid" 2>/dev/null || true
    wait "$child_pid" 2>/dev/null || true
  fi
  local i entry pid
  for ((i = ${#started[@]} - 1; i >= 0; i--)); do
    entry=${started[$i]}
    pid=${entry%% *}
    kill -TERM "$pid" 2>/dev/null || true
    # These are this shell's own children, so wait returns once each has exited and is reaped.
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$session_dir"
  exit "$status"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

track() {
  started+=("$1 $2")
  say "started $2 (pid $1)"
}

# Waits until "$@" succeeds, checking that the process it waits for is still alive.
await() {
  local what=$1 pid=$2
  shift 2
  local deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
  until "$@"; do
    kill -0 "$pid" 2>/dev/null || die "$what exited before it was ready"
    [ "$SECONDS" -lt "$deadline" ] || die "$what was not ready after ${READY_TIMEOUT_SECONDS} s"
    sleep 0.05
  done
}

# --- X server: Xvfb chooses a free display and writes its number when it accepts clients.
display_file=$session_dir/display
: >"$display_file"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$display_file" >"$session_dir/xvfb.log" 2>&1 &
track $! Xvfb
xvfb_pid=$!
display_written() { grep -q '^[0-9][0-9]*$' "$display_file"; }
await Xvfb "$xvfb_pid" display_written
display_number=$(head -n1 "$display_file")
export DISPLAY=":$display_number"

# --- Session bus: its own socket and a config without activation.
bus_socket=$session_dir/bus
cat >"$session_dir/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=$bus_socket</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
dbus-daemon --config-file="$session_dir/bus.conf" --nofork --nopidfile >"$session_dir/dbus.log" 2>&1 &
track $! dbus-daemon
dbus_pid=$!
export DBUS_SESSION_BUS_ADDRESS="unix:path=$bus_socket"
bus_answers() {
  dbus-send --session --dest=org.freedesktop.DBus --type=method_call --print-reply \
    /org/freedesktop/DBus org.freedesktop.DBus.GetId >/dev/null 2>&1
}
await dbus-daemon "$dbus_pid" bus_answers

# --- Keyring: unlocked with a throw-away password, its files inside the session folder.
# The 'login' keyring it creates becomes the default collection, where Chromium and
# secret-tool store their secrets.
keyring_home=$session_dir/home
mkdir -p "$keyring_home/data" "$keyring_home/runtime"
chmod 700 "$keyring_home/runtime"
keyring_password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
printf '%s' "$keyring_password" |
  HOME=$keyring_home XDG_DATA_HOME=$keyring_home/data XDG_RUNTIME_DIR=$keyring_home/runtime \
    gnome-keyring-daemon --foreground --unlock --components=secrets \
    --control-directory="$keyring_home/runtime/keyring" >"$session_dir/keyring.log" 2>&1 &
track $! gnome-keyring-daemon
keyring_pid=$!
unset keyring_password
secret_service_owned() {
  dbus-send --session --dest=org.freedesktop.DBus --type=method_call --print-reply \
    /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
    grep -q 'boolean true'
}
await gnome-keyring-daemon "$keyring_pid" secret_service_owned
export GNOME_KEYRING_CONTROL=$keyring_home/runtime/keyring

say "DISPLAY=$DISPLAY, D-Bus at $DBUS_SESSION_BUS_ADDRESS, GNOME Keyring unlocked"

# The command runs in the background so a signal to this script reaches the trap at once.
"$@" <&0 &
child_pid=$!
set +e
wait "$child_pid"
status=$?
set -e
child_pid=
exit "$status"
