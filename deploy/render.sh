#!/usr/bin/env bash
# Regenerates what is generated from the chart and the CRD classes but kept in the repository:
# charts/stowage/crds/ (the CRD the build writes) and deploy/stowage-operator.yaml (the chart rendered
# with its default values, by helm-java: no helm binary needed). The kube module's tests fail when
# either is stale. Extra arguments go to Maven.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/.mvn/select-jdk.sh"
cd "$here"
./mvnw -B -q -pl kube -am test -Dtest=GeneratedCopiesTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dstowage.regenerate=true "$@"
echo "regenerated charts/stowage/crds/ and deploy/stowage-operator.yaml"
