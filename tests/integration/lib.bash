# lib.bash - the prologue the integration scripts share. Source it first:
#     . "$(dirname "$0")/lib.bash" || exit 2
# It moves to the source tree (relative paths then name files in it) and
# sets SRC, TERMIN (the binary under test), TERMIN_WRAP (valgrind or empty)
# and SHARED (../shared unless given). Named .bash, not .sh, because
# tests/run.sh runs every tests/integration/*.sh as a test.
set -u
cd "$(dirname "$0")/../.." || exit 2
SRC=$(pwd)
: "${TERMIN:=$SRC/build/termin}"
: "${TERMIN_WRAP:=}"
: "${SHARED:=$SRC/../shared}"

# termin ARGS...: runs the binary under test (under $TERMIN_WRAP).
termin() { $TERMIN_WRAP "$TERMIN" "$@"; }

# temp_dir NAME: W becomes a new directory /tmp/termin-NAME-XXXXXX, removed
# when the script exits.
temp_dir() {
	W=$(mktemp -d "/tmp/termin-$1-XXXXXX")
	trap 'rm -rf "$W"' EXIT
}
