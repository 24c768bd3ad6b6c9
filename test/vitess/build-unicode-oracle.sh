#!/usr/bin/env bash
# Builds test/vitess/unicode-oracle (Vitess's unicode_loose_* vindexes behind stdin/stdout) into a
# cache folder outside the repository, reusing the module graph of test/vitess/build.sh's harness.
# Rebuilds when main.go changes. Prints the binary's path on success.
#   VG_VITESS_VERSION  module version (default v0.24.4)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="${VG_VITESS_VERSION:-v0.24.4}"
cache="$HOME/.cache/vschema-guard/unicode-loose/oracle-$version"
bin="$cache/bin/unicode-oracle"
case ":$PATH:" in *:/usr/local/go/bin:*) ;; *) [ -x /usr/local/go/bin/go ] && PATH="$PATH:/usr/local/go/bin" ;; esac
mkdir -p "$cache/bin"
exec 9>"$cache/.build.lock"
flock 9
if [ -x "$bin" ] && cmp -s "$here/unicode-oracle/main.go" "$cache/main.go"; then echo "$bin"; exit 0; fi
command -v go >/dev/null 2>&1 || { echo "go is not installed: cannot build the unicode oracle" >&2; exit 3; }
harness="$HOME/.cache/vschema-guard/vitess-$version/module"
if [ -f "$harness/go.mod" ]; then
  sed 's/^module .*/module vschema-guard-unicode-oracle/' "$harness/go.mod" > "$cache/go.mod"
  cp "$harness/go.sum" "$cache/go.sum"
else
  (cd "$cache" && rm -f go.mod && go mod init vschema-guard-unicode-oracle >/dev/null 2>&1 && go get "vitess.io/vitess@$version" >&2)
fi
cp "$here/unicode-oracle/main.go" "$cache/main.go"
(cd "$cache" && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -o "$bin" . ) >&2
echo "$bin"
