#!/usr/bin/env bash
# Installs what Jarida needs from Debian's packages, and from npm the
# newsroom editor's bundler and libraries (esbuild, TipTap) and the
# browser-test driver (playwright-core). Usage: tools/deps.sh build|test.
# Safe to run again: it installs only what is missing. See
# ../shared/design/DEPENDENCIES.md for why each one.
set -euo pipefail
build_pkgs=(
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev
  libsqlite3-dev libstemmer-dev libicu-dev libpq-dev libcurl4-openssl-dev
  libgumbo-dev libsodium-dev libctemplate-dev libtomlplusplus-dev libcli11-dev
  libvips-dev libmagic-dev libexpat1-dev zlib1g-dev pkg-config cmake g++ make
  fonts-noto-core fonts-kacst nodejs npm
)
test_pkgs=(libgtest-dev libgmock-dev chromium python3-aiosmtpd nginx wrk clang-format libxml2-utils python3-feedparser)
want=("${build_pkgs[@]}")
[[ ${1:-build} == test ]] && want+=("${test_pkgs[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# node and npm may come from elsewhere on a developer machine; that's fine.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if (( ${#missing[@]} )); then
  echo "Installing: ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The build bundles web/editor with esbuild (cmake/admin_static.cmake), so
# node_modules is needed in both modes.
cd "$(dirname "$0")/.."
if [[ ! -d node_modules/esbuild || ! -d node_modules/@tiptap/core || ! -d node_modules/playwright-core ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
