# Sourced by the scripts: install a Debian package when a program it provides is missing.
#   ensure_debian_package PROGRAM PACKAGE WHY
# PROGRAM is a command name or a path; WHY is printed. As root it runs apt-get, else through
# passwordless sudo; otherwise it says how to install the package and exits 1.
ensure_debian_package() {
    local program=$1 package=$2 why=$3
    if command -v "$program" >/dev/null 2>&1 || [ -x "$program" ] || [ -x "/usr/sbin/$program" ]; then
        return 0
    fi
    echo "installing Debian's $package: $why"
    export DEBIAN_FRONTEND=noninteractive
    if [ "$(id -u)" = 0 ]; then
        apt-get update -q && apt-get install -y -q "$package"
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo -E apt-get update -q && sudo -E apt-get install -y -q "$package"
    else
        echo "error: $program is missing and this user can neither apt-get nor sudo." >&2
        echo "       Install it as root (apt-get install $package)." >&2
        exit 1
    fi
}
