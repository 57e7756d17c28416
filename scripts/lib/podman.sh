# shellcheck shell=bash
# Sourced by scripts/image.sh: build and run the Dockerfile's image on a Debian machine that
# has no Docker engine and reaches no container registry, only Debian's and Python's packages.
#   podman_setup          install podman, runc and mmdebstrap; write and export CONTAINERS_CONF
#   podman_base_image     the stand-in for python:3.11-slim-bookworm, made once with mmdebstrap
#   podman_build_image T  podman build the repository's Dockerfile, unchanged, as image T
# Needs ROOT (the repository) and scripts/lib/debian.sh sourced.

# The Dockerfile's FROM, resolved locally: with --pull=never podman takes a local image of
# that name, so the stand-in is tagged exactly so.
BNVIZ_BASE_IMAGE=localhost/python:3.11-slim-bookworm
# Where the stand-in's Debian comes from; the host's own apt sources name the same archive.
BNVIZ_DEBIAN_MIRROR=${BNVIZ_DEBIAN_MIRROR:-http://deb.debian.org/debian}
BNVIZ_DEBIAN_SECURITY=${BNVIZ_DEBIAN_SECURITY:-http://deb.debian.org/debian-security}

podman_setup() {
    ensure_debian_package podman podman "to build and run the image (no Docker engine here)"
    # crun, podman's first choice, fails on this kind of machine ("cgroups in hybrid mode not
    # supported"); runc works.
    ensure_debian_package runc runc "podman's container runtime"
    ensure_debian_package mmdebstrap mmdebstrap "to make the stand-in base image from Debian"
    export CONTAINERS_CONF="$ROOT/artifacts/podman/containers.conf"
    mkdir -p "$(dirname "$CONTAINERS_CONF")"
    # Podman's default ulimits (nofile 1048576) are above this machine's hard limits, and a
    # container asking for more than the hard limit does not start. HAProxy's maxconn 4096
    # asks for 8223 open files, so the hard limit must reach that.
    local nofile
    nofile=$(ulimit -Hn)
    if [ "$nofile" = unlimited ] || [ "$nofile" -gt 1048576 ]; then
        nofile=1048576
    fi
    if [ "$nofile" -lt 8223 ]; then
        echo "error: the hard limit of open files is $nofile; HAProxy in the image needs 8223" \
             "(raise it: ulimit -Hn, /etc/security/limits.conf)" >&2
        return 1
    fi
    cat >"$CONTAINERS_CONF" <<EOF
# Written by scripts/lib/podman.sh (podman_setup); podman reads it through CONTAINERS_CONF.
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=4096:4096"]

[engine]
runtime = "runc"
# no systemd to hand cgroups and events to on a build machine or a CI runner
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
}

# What the stand-in is made of: a change here, or in the host's extra CA certificates, makes a
# new one (the digest is kept in a label of the image).
_podman_base_recipe() {
    printf '%s\n' "$BNVIZ_DEBIAN_MIRROR" "$BNVIZ_DEBIAN_SECURITY" \
        "$(declare -f podman_base_image _podman_base_recipe)"
    cat /usr/local/share/ca-certificates/*.crt 2>/dev/null || true
    apt-config dump 2>/dev/null | grep -E '^Acquire::Check-(Valid-Until|Date) ' || true
    _podman_pip_conf
}

# pip's settings for the build, from the host's: trust the system's certificates (the venv's
# pip would use its own bundle), and the host's package index if PIP_INDEX_URL names one (a
# mirror; a file:// index on the host's disk is not there in the build).
_podman_pip_conf() {
    printf '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n'
    case "${PIP_INDEX_URL:-}" in
        http://* | https://*) printf 'index-url = %s\n' "$PIP_INDEX_URL" ;;
    esac
}

podman_base_image() {
    local recipe have work started
    recipe=$(_podman_base_recipe | sha256sum | cut -c1-16)
    have=$(podman image inspect --format '{{ index .Labels "bnviz.base-recipe" }}' \
        "$BNVIZ_BASE_IMAGE" 2>/dev/null || true)
    if [ "$have" = "$recipe" ]; then
        echo "image: $BNVIZ_BASE_IMAGE is there (recipe $recipe)"
        return 0
    fi
    echo "image: making $BNVIZ_BASE_IMAGE with mmdebstrap (recipe $recipe)"
    started=$SECONDS
    work=$(mktemp -d "${TMPDIR:-/tmp}/bnviz-base-XXXXXX")
    _podman_pip_conf >"$work/pip.conf"
    # The official python:3.11-slim-bookworm is Debian bookworm with CPython 3.11 and pip first
    # on PATH; bookworm's python3 is 3.11, in a venv for pip. The host's extra CA certificates
    # (/usr/local/share/ca-certificates: a proxy that inspects TLS signs with one) go in, so
    # that pip and apt-get in the build trust what the host trusts, and so does pip's
    # /etc/pip.conf (_podman_pip_conf). The host's apt settings on Valid-Until go in too: an
    # archive snapshot's Release files are past their date.
    # None of this reaches the real image, which starts from Docker Hub's python image.
    # The hooks are mmdebstrap's shell snippets: its "$1" is the new system's root.
    # shellcheck disable=SC2016
    local -a hooks=(
        --customize-hook='mkdir -p "$1/usr/local/share/ca-certificates"'
        --customize-hook='for c in /usr/local/share/ca-certificates/*.crt; do [ -e "$c" ] && cp "$c" "$1/usr/local/share/ca-certificates/"; done; true'
        --customize-hook='chroot "$1" update-ca-certificates --fresh >/dev/null'
        --customize-hook="cp '$work/pip.conf' \"\$1/etc/pip.conf\""
        --customize-hook='apt-config dump | grep -E "^Acquire::Check-(Valid-Until|Date) " >"$1/etc/apt/apt.conf.d/99bnviz-snapshot" || rm -f "$1/etc/apt/apt.conf.d/99bnviz-snapshot"'
        --customize-hook='chroot "$1" python3 -m venv /usr/local/python'
        --customize-hook='chroot "$1" ln -s /usr/local/python/bin/python3 /usr/local/bin/python'
        --customize-hook='rm -rf "$1/var/lib/apt/lists/"* "$1/var/cache/apt/"*'
    )
    # mmdebstrap's apt does not read the host's settings: hand it the same Valid-Until ones
    local -a aptopts=()
    local line
    while IFS= read -r line; do
        aptopts+=(--aptopt="${line%;}")
    done < <(apt-config dump 2>/dev/null | grep -E '^Acquire::Check-(Valid-Until|Date) ' || true)
    if ! mmdebstrap --variant=minbase --quiet "${aptopts[@]}" \
            --include=python3,python3-venv,ca-certificates,netbase \
            "${hooks[@]}" bookworm "$work/base.tar" \
            "deb $BNVIZ_DEBIAN_MIRROR bookworm main" \
            "deb $BNVIZ_DEBIAN_MIRROR bookworm-updates main" \
            "deb $BNVIZ_DEBIAN_SECURITY bookworm-security main"; then
        rm -rf "$work"
        echo "error: mmdebstrap could not make the stand-in base image" >&2
        return 1
    fi
    podman import --quiet \
        --change 'ENV PATH=/usr/local/python/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' \
        --change 'CMD ["python3"]' \
        --change "LABEL bnviz.base-recipe=$recipe" \
        "$work/base.tar" "$BNVIZ_BASE_IMAGE" >/dev/null
    rm -rf "$work"
    echo "image: base made in $((SECONDS - started)) s"
}

podman_build_image() {
    local tag=$1 started
    started=$SECONDS
    # --pull=never: the FROM is the local stand-in. --format docker: OCI images have no
    # HEALTHCHECK, and podman would drop it. Proxy variables of this shell reach the RUN steps
    # (podman's --http-proxy, on by default) without being written into the image.
    podman build --pull=never --format docker --tag "$tag" --file "$ROOT/Dockerfile" "$ROOT"
    # Each build leaves the image it replaced untagged: drop those (only ours: they carry the
    # stand-in's label), so that storage stays at one image whatever the number of builds.
    podman image prune --force --filter label=bnviz.base-recipe >/dev/null
    echo "image: $tag built in $((SECONDS - started)) s"
}
