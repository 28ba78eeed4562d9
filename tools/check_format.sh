#!/usr/bin/env bash
# Fails when a tracked C++ file differs from .clang-format (STYLE.md 12).
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run -Werror
echo "format ok: $(git ls-files '*.cpp' '*.hpp' | wc -l) files"
