#!/usr/bin/env bash
# Installs the Debian packages descent builds against, and only those that are missing.
# Used by `make gif` and `make test` so that a fresh Debian machine needs no manual set-up.
# With --test it also installs what the test scripts use: Chromium (the HTML snippet in a
# real browser), ImageMagick, ffmpeg and Pillow (decoders to compare with giflib's), and a
# CJK font for the font-fallback tests.
set -euo pipefail

packages=(libgif-dev libfreetype-dev libpng-dev libfontconfig-dev libharfbuzz-dev libfribidi-dev libwebp-dev libssl-dev pkg-config)
test_tools=0
if [ "${1:-}" = "--test" ]; then
  test_tools=1
  # fonts-wqy-microhei: a CJK font the font-fallback tests and the Chinese corpus scene use.
  # libharfbuzz-bin: hb-shape, the reference the shaping tests compare with.
  # chromium-driver: Selenium drives Chromium for the HTML player's keyboard tests.
  packages+=(chromium chromium-driver imagemagick ffmpeg fonts-wqy-microhei libharfbuzz-bin)
  if ! python3 -c "import PIL" >/dev/null 2>&1; then
    # Debian's own Pillow first: stock Debian 12's Python is "externally managed" and pip
    # refuses to install into it; pip is the fallback elsewhere.
    if command -v apt-get >/dev/null 2>&1; then
      packages+=(python3-pil)
    else
      echo "Installing Pillow for the test scripts" >&2
      python3 -m pip install --quiet --disable-pip-version-check pillow >&2 \
        || { echo "error: could not install Pillow with pip; install your system's Pillow package (python3-pil)" >&2; exit 2; }
    fi
  fi
fi
missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if ! command -v swift >/dev/null 2>&1; then
  echo "error: the Swift toolchain (swift 6.0 or newer) is not on PATH; install it from swift.org, then run make again." >&2
  exit 2
fi

# The python3 first on PATH (pyenv's, say) may not be Debian's, which python3-pil serves:
# then pip installs Pillow for it.
# pip for the python3 on PATH; a Debian python3 that is "externally managed" needs to be told.
pip_install() {
  python3 -m pip install --quiet --disable-pip-version-check "$@" >&2 2>/dev/null \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "$@" >&2
}

ensure_pillow() {
  [ "${test_tools:-}" = 1 ] || return 0
  if ! python3 -c "import PIL" >/dev/null 2>&1; then
    echo "Installing Pillow for $(command -v python3) with pip" >&2
    pip_install pillow \
      || { echo "error: could not install Pillow for python3 with pip" >&2; exit 2; }
  fi
  # Selenium drives Chromium in the player's tests; axe-core 4 comes inside
  # axe-playwright-python (installed without Playwright, which the tests do not use).
  # pre-commit: the course hook's test runs `pre-commit try-repo`.
  if ! python3 -m pre_commit --version >/dev/null 2>&1; then
    echo "Installing pre-commit for the hook's test" >&2
    pip_install pre-commit || { echo "error: could not install pre-commit with pip" >&2; exit 2; }
  fi
  # colorspacious (and numpy with it): colour-vision simulation in the contrast checks.
  if ! python3 -c "import colorspacious, numpy" >/dev/null 2>&1; then
    echo "Installing colorspacious and numpy for the contrast checks" >&2
    pip_install colorspacious numpy || { echo "error: could not install colorspacious with pip" >&2; exit 2; }
  fi
  # sympy: the derivatives a loss written as an expression is checked against.
  if ! python3 -c "import sympy" >/dev/null 2>&1; then
    echo "Installing sympy for the expression tests" >&2
    pip_install sympy || { echo "error: could not install sympy with pip" >&2; exit 2; }
  fi
  if ! python3 -c "import selenium, axe_playwright_python" >/dev/null 2>&1; then
    echo "Installing selenium and axe-core (axe-playwright-python) for the player's tests" >&2
    pip_install selenium && pip_install --no-deps axe-playwright-python \
      || { echo "error: could not install selenium and axe-playwright-python with pip" >&2; exit 2; }
  fi
}

if [ ${#missing[@]} -eq 0 ]; then ensure_pillow; exit 0; fi

echo "Installing missing system packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "error: need to install ${missing[*]} but am not root and sudo is not available." >&2
  echo "       Run as root: apt-get install -y ${missing[*]}" >&2
  exit 2
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: apt-get not found; install these packages with your system's package manager: ${missing[*]}" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
ensure_pillow
