#!/usr/bin/env bash
# Builds Jarida and runs every test (unit, integration against the real
# binary, layer check, browser). This is the README's second command and what
# .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh test
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j2
cd build
ctest --output-on-failure --timeout 900 -j2
