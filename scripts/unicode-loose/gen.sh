#!/usr/bin/env bash
# Regenerates src/generated/unicode-loose-tables.ts from Vitess's own collation tables. Copies
# vitess.io/vitess's go/mysql/collations/vindex/{collate,internal/colltab,unicode/norm} (Go module
# cache) into a scratch module outside the repository, adds scripts/unicode-loose/export/*.go (which
# expose the unexported arrays), and runs scripts/unicode-loose/gen/main.go there.
#   $1                output file (default: src/generated/unicode-loose-tables.ts of this repository)
#   VG_UNICODE_CACHE  scratch folder (default: $HOME/.cache/vschema-guard/unicode-loose)
#   VG_VITESS_VERSION module version (default v0.24.4)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$(realpath -m "${1:-$repo/src/generated/unicode-loose-tables.ts}")"
version="${VG_VITESS_VERSION:-v0.24.4}"
cache="${VG_UNICODE_CACHE:-$HOME/.cache/vschema-guard/unicode-loose}"
case ":$PATH:" in *:/usr/local/go/bin:*) ;; *) [ -x /usr/local/go/bin/go ] && PATH="$PATH:/usr/local/go/bin" ;; esac
command -v go >/dev/null 2>&1 || { echo "go is not installed" >&2; exit 3; }
src="$(go env GOMODCACHE)/vitess.io/vitess@$version"
if [ ! -d "$src" ]; then (cd "$(mktemp -d)" && go mod download -x "vitess.io/vitess@$version" >&2); fi
base="go/mysql/collations/vindex"
mod="$cache/gen-$version"
rm -rf "$mod" && mkdir -p "$mod/internal" "$mod/gen"
cp -r "$src/$base/collate" "$mod/collate"
cp -r "$src/$base/internal/colltab" "$mod/internal/colltab"
cp -r "$src/$base/unicode/norm" "$mod/norm"
chmod -R u+w "$mod"
rm -f "$mod"/*/*_test.go "$mod"/internal/*/*_test.go "$mod/collate/maketables.go"
find "$mod" -name '*.go' -exec sed -i \
  -e "s#vitess.io/vitess/$base/internal/colltab#vschema-guard-unicode-loose/internal/colltab#" \
  -e "s#vitess.io/vitess/$base/unicode/norm#vschema-guard-unicode-loose/norm#" {} +
cp "$here/export/collate_export.go" "$mod/collate/"
cp "$here/export/colltab_export.go" "$mod/internal/colltab/"
cp "$here/export/norm_export.go" "$mod/norm/"
cp "$here/gen/main.go" "$mod/gen/"
cat > "$mod/go.mod" <<GOMOD
module vschema-guard-unicode-loose

go 1.24

require vitess.io/vitess $version
GOMOD
# norm imports vitess.io/vitess/go/hack: reuse the Vitess harness's go.sum when present (offline).
harness="$HOME/.cache/vschema-guard/vitess-$version/module/go.sum"
[ -f "$harness" ] && cp "$harness" "$mod/go.sum"
(cd "$mod" && GOFLAGS=-mod=mod go mod tidy >&2 && \
  VITESS_VERSION="$version" GO_VERSION="$(go env GOVERSION)" go run ./gen "$out")
