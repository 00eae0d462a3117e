#!/bin/sh
# Installs the Debian packages termin needs, when they are missing.
#   sh .ci/deps.sh build   libraries, headers and dictionaries to build and run
#   sh .ci/deps.sh test    also the peer tools the tests run against
# Uses apt-get as root, sudo otherwise, and says clearly when neither works.
set -u

BUILD_PKGS="gcc make pkg-config libxml2-dev libxml2-utils libsqlite3-dev sqlite3 \
libhunspell-dev hunspell-en-us hunspell-en-gb hunspell-ru libicu-dev libstemmer-dev"
TEST_PKGS="python3 translate-toolkit omegat default-jre-headless default-jdk-headless valgrind clang \
libclang-rt-dev chromium time hunspell"

want="$BUILD_PKGS"
[ "${1:-build}" = test ] && want="$BUILD_PKGS $TEST_PKGS"

missing=""
for p in $want; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) || status=""
	case "$status" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "termin: missing packages:$missing" >&2
	echo "termin: this is not a Debian system (no apt-get); install the equivalents by hand" >&2
	exit 1
fi
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo -n"
else
	echo "termin: missing Debian packages:$missing" >&2
	echo "termin: run as root, or give this user sudo, or install them yourself:" >&2
	echo "  apt-get install$missing" >&2
	exit 1
fi

echo "termin: installing missing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# The package lists may be stale on a fresh machine; refresh once.
$SUDO apt-get update -qq >/dev/null 2>&1 || true
if ! $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
	if [ "${1:-build}" = test ]; then
		# Peer tools are optional: tests that need them skip with a notice.
		still=""
		for p in $BUILD_PKGS; do
			dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q " installed" || still="$still $p"
		done
		if [ -n "$still" ]; then
			echo "termin: could not install:$still" >&2
			exit 1
		fi
		# try the peers one by one so one failure does not block the rest
		for p in $TEST_PKGS; do
			$SUDO apt-get install -y -qq --no-install-recommends "$p" >/dev/null 2>&1 ||
				echo "termin: warning: could not install $p; tests that need it will be skipped" >&2
		done
		exit 0
	fi
	echo "termin: apt-get could not install:$missing" >&2
	exit 1
fi
exit 0
