#!/usr/bin/env bash
# Installs the Debian packages ShampooActors needs, only those that are missing (idempotent).
# Usage: scripts/setup.sh [--bench]   (--bench adds python3-torch for the PyTorch comparison)
set -euo pipefail

packages=(libopenblas0-pthread liblapacke dataset-fashion-mnist rabbitmq-server)
[[ "${1:-}" == "--bench" ]] && packages+=(python3-torch)

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK is required (dotnet not found on PATH)" >&2
  exit 2
fi

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 2; }
  sudo=(sudo)
fi

# rabbitmq-server's postinst starts the system broker (port 5672 on every address) through invoke-rc.d whenever
# the init system allows it: under systemd, or under sysvinit in a known runlevel. The cluster's tests and scripts run
# private brokers (scripts/broker.sh), so unless the machine already has a policy for service starts, one that denies them
# is in place for the install and removed after it. (In a container without an init system invoke-rc.d already denies the
# start, since the runlevel is unknown; Docker's Debian images also ship such a policy-rc.d.)
policy=/usr/sbin/policy-rc.d
if [[ " ${missing[*]} " == *" rabbitmq-server "* && ! -e $policy ]]; then
  printf '#!/bin/sh\n# scripts/setup.sh: no service starts while it installs packages\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod 755 "$policy"
  trap '"${sudo[@]}" rm -f "$policy"' EXIT
fi

echo "setup: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
