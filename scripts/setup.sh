# Installs what building the desktop app needs on Debian/Ubuntu, when missing: the WebKitGTK, tray
# and SVG development packages and a C toolchain, Node.js/npm for the UI, and (with --test) what the
# end-to-end tests drive the window with: Xvfb, WebKitWebDriver and tauri-driver. Sourced by run.sh
# and test.sh.
setup_packages() {
  local need=()
  local pkgs=(libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev build-essential pkg-config)
  [ "${1:-}" = "--test" ] && pkgs+=(xvfb xauth webkit2gtk-driver)
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
  done
  command -v node >/dev/null || need+=(nodejs npm)
  # Without a display, the window opens in a virtual one.
  [ -z "${DISPLAY:-}" ] && ! command -v xvfb-run >/dev/null && need+=(xvfb xauth)
  if [ ${#need[@]} -gt 0 ]; then
    local SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "installing: ${need[*]}"
    $SUDO apt-get -o DPkg::Lock::Timeout=600 -o APT::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 -o APT::Lock::Timeout=600 install -y -qq "${need[@]}" >/dev/null
  fi
  if [ "${1:-}" = "--test" ] && ! command -v tauri-driver >/dev/null; then
    cargo install tauri-driver --locked --quiet
  fi
}

# Builds the UI (ui/dist), which the app embeds.
build_ui() {
  (cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
}
