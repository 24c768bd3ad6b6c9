#!/usr/bin/env bash
# Builds the Vitess binaries the integration tests use (vtctld, vtctldclient, vtgate, vtexplain) from the
# vitess.io/vitess Go module at a pinned release, into a cache folder outside the repository, and installs
# etcd-server from Debian when absent. Rebuilds only what is missing. Prints the cache folder on success.
#   VG_VITESS_CACHE  cache folder (default: $HOME/.cache/vschema-guard/vitess-<version>)
#   VG_VITESS_VERSION  module version (default below)
set -euo pipefail
version="${VG_VITESS_VERSION:-v0.24.4}"
cache="${VG_VITESS_CACHE:-$HOME/.cache/vschema-guard/vitess-$version}"
bins=(vtctld vtctldclient vtgate vtexplain)
mkdir -p "$cache/bin"
# Go's official tarball installs to /usr/local/go, often not on a non-login shell's PATH (CI).
case ":$PATH:" in *:/usr/local/go/bin:*) ;; *) [ -x /usr/local/go/bin/go ] && PATH="$PATH:/usr/local/go/bin" ;; esac
# One build at a time: a second caller (another test run, the session's background build) waits here.
exec 9>"$cache/.build.lock"
flock 9

if ! command -v etcd >/dev/null 2>&1; then
  echo "installing etcd-server from Debian" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq etcd-server) >&2
fi

missing=()
for b in "${bins[@]}"; do [ -x "$cache/bin/$b" ] || missing+=("$b"); done
if [ ${#missing[@]} -gt 0 ]; then
  command -v go >/dev/null 2>&1 || { echo "go is not installed: cannot build Vitess ${missing[*]}" >&2; exit 3; }
  # A wrapper module: vitess.io/vitess has replace directives, so `go install pkg@version` refuses it.
  mod="$cache/module"
  mkdir -p "$mod"
  if [ ! -f "$mod/go.mod" ]; then
    (cd "$mod" && go mod init vschema-guard-vitess-harness >/dev/null 2>&1 && cat > tools.go <<GO
//go:build tools

package tools

import (
	_ "vitess.io/vitess/go/cmd/vtctld"
	_ "vitess.io/vitess/go/cmd/vtctldclient"
	_ "vitess.io/vitess/go/cmd/vtgate"
	_ "vitess.io/vitess/go/cmd/vtexplain"
)
GO
    )
  fi
  (cd "$mod" && go get "vitess.io/vitess@$version" >&2 && go mod tidy >&2)
  for b in "${missing[@]}"; do
    echo "building $b ($version)" >&2
    (cd "$mod" && CGO_ENABLED=0 go build -trimpath -o "$cache/bin/$b" "vitess.io/vitess/go/cmd/$b") >&2
  done
fi
echo "$cache"
