#!/usr/bin/env bash
# Fails when a file includes from a layer above its own (ARCHITECTURE.md,
# "Layers point one way"; STYLE.md 1). Ranks, low to high:
#   0 core   1 text   2 http   3 store   4 render search mail media stats
#   5 site admin api importer   6 app
# A layer may include its own rank or lower; layers of the same rank other
# than itself are off limits too (services don't call each other's
# internals; handlers don't call each other).
set -euo pipefail
src=${1:-$(dirname "$0")/../src}
declare -A rank=([core]=0 [text]=1 [http]=2 [store]=3 [render]=4 [search]=4 [mail]=4
                 [media]=4 [stats]=4 [site]=5 [admin]=5 [api]=5 [importer]=5
                 [app]=6)
bad=0
while IFS= read -r file; do
  rel=${file#"$src"/}
  layer=${rel%%/*}
  [[ -n ${rank[$layer]:-} ]] || continue
  while IFS= read -r line; do
    inc=$(sed -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"([^"]+)".*/\1/' <<<"$line")
    target=${inc%%/*}
    [[ -n ${rank[$target]:-} ]] || continue
    if [[ $target != "$layer" ]] && (( rank[$target] >= rank[$layer] )); then
      echo "layer violation: $rel ($layer) includes \"$inc\" ($target)"
      bad=1
    fi
  done < <(grep -E '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$file" || true)
done < <(find "$src" -type f \( -name '*.cpp' -o -name '*.hpp' \))
if (( bad )); then exit 1; fi
echo "layers ok: every include points to the same or a lower layer"
