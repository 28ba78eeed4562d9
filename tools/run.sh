#!/usr/bin/env bash
# Builds Jarida, creates ./data with demo content and an admin account
# (the login is printed once), and serves the site on http://127.0.0.1:8080/.
# This is the README's first command.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j2 --target jarida
DATA=${JARIDA_DATA:-data}
build/jarida init --data "$DATA"
if [[ ! -f $DATA/.demo-content ]]; then
  build/jarida demo --data "$DATA" --articles "${JARIDA_DEMO_ARTICLES:-1000}"
  touch "$DATA/.demo-content"
fi
exec build/jarida serve --data "$DATA" --listen "${JARIDA_LISTEN:-127.0.0.1:8080}"
