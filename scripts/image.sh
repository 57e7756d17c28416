#!/usr/bin/env bash
# Build the Dockerfile's image with podman, where there is no Docker engine and no container
# registry (only Debian's and Python's packages): the stand-in base image is made from Debian
# with mmdebstrap, once. tests/deploy/test_image.py runs this, then runs the image.
#   bash scripts/image.sh [TAG]     # default TAG: localhost/bnviz:test
# Where Docker Hub is reachable, build it as usual instead: docker build -t bnviz .
# Needs root (or passwordless sudo for apt-get; podman itself runs as root here).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/scripts/lib/debian.sh"
source "$ROOT/scripts/lib/podman.sh"
podman_setup
echo "image: CONTAINERS_CONF=$CONTAINERS_CONF"
podman_base_image
podman_build_image "${1:-localhost/bnviz:test}"
