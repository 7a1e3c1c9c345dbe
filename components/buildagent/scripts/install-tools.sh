#!/bin/bash
# hardaks-install-tools installs the build agent toolchain: Docker Engine and the Azure CLI from their vendors'
# signed apt repositories, kubectl and kubelogin through `az aks install-cli`, and a pinned, checksum-verified
# Helm release. cloud-init runs it once, as root, before hardaks-register-agent. It handles no secret.
set -euo pipefail

# shellcheck source=/dev/null
. /etc/hardaks/agent.env

export DEBIAN_FRONTEND=noninteractive
export AZURE_CORE_COLLECT_TELEMETRY=false

readonly KEYRINGS=/etc/apt/keyrings
# Fingerprints of the vendors' published signing keys: a key download that does not match stops the install
# instead of being trusted.
# https://docs.docker.com/engine/install/ubuntu/
readonly DOCKER_KEY_FINGERPRINT=9DC858229FC7DD38854AE2D88D81803C0EBFCD88
# https://learn.microsoft.com/cli/azure/install-azure-cli-linux?pivots=apt
readonly MICROSOFT_KEY_FINGERPRINT=BC528686B50D79E339D3721CEB3E94ADBE1229CF

log() {
  printf 'hardaks-install-tools: %s\n' "$*" >&2
}

# retry runs a command up to six times, waiting 5, 10, 20, 40 and 80 seconds in between: mirrors, GitHub and the
# dpkg lock (held by unattended-upgrades right after boot) fail transiently.
retry() {
  local attempt=1 delay=5
  until "$@"; do
    if ((attempt >= 6)); then
      log "giving up after ${attempt} attempts: $*"
      return 1
    fi
    log "attempt ${attempt} failed, retrying in ${delay}s: $*"
    sleep "${delay}"
    attempt=$((attempt + 1))
    delay=$((delay * 2))
  done
}

apt_get() {
  apt-get -o DPkg::Lock::Timeout=600 "$@"
}

download() {
  curl --fail --silent --show-error --location --proto '=https' --tlsv1.2 --output "$2" "$1"
}

# install_key downloads an armored apt signing key and installs it only if it carries the expected fingerprint.
install_key() {
  local url=$1 fingerprint=$2 destination=$3 workdir
  workdir=$(mktemp -d)
  retry download "${url}" "${workdir}/key.asc"
  if ! GNUPGHOME=${workdir} gpg --batch --show-keys --with-colons "${workdir}/key.asc" |
    awk -F: '$1 == "fpr" { print $10 }' | grep --line-regexp --fixed-strings "${fingerprint}" >/dev/null; then
    log "the key at ${url} does not have the fingerprint ${fingerprint}"
    rm -rf "${workdir}"
    return 1
  fi
  install -m 0644 -o root -g root "${workdir}/key.asc" "${destination}"
  rm -rf "${workdir}"
}

# add_source writes a deb822 apt source that trusts only its own key.
add_source() {
  local name=$1 uri=$2 suite=$3 component=$4 key=$5
  cat >"/etc/apt/sources.list.d/${name}.sources" <<SOURCE
Types: deb
URIs: ${uri}
Suites: ${suite}
Components: ${component}
Architectures: ${ARCH}
Signed-By: ${key}
SOURCE
}

# install_helm installs the pinned Helm release after checking it against the published SHA-256.
install_helm() {
  local workdir archive
  workdir=$(mktemp -d)
  archive="helm-${HARDAKS_HELM_VERSION}-linux-${ARCH}.tar.gz"
  retry download "https://get.helm.sh/${archive}" "${workdir}/${archive}"
  retry download "https://get.helm.sh/${archive}.sha256sum" "${workdir}/${archive}.sha256sum"
  (cd "${workdir}" && sha256sum --check --strict --quiet "${archive}.sha256sum")
  tar -xzf "${workdir}/${archive}" -C "${workdir}" "linux-${ARCH}/helm"
  install -m 0755 -o root -g root "${workdir}/linux-${ARCH}/helm" /usr/local/bin/helm
  rm -rf "${workdir}"
}

ARCH=$(dpkg --print-architecture)
readonly ARCH
CODENAME=$(
  # shellcheck source=/dev/null
  . /etc/os-release && printf '%s' "${UBUNTU_CODENAME:-${VERSION_CODENAME}}"
)
readonly CODENAME

install -d -m 0755 -o root -g root "${KEYRINGS}"
install_key https://download.docker.com/linux/ubuntu/gpg "${DOCKER_KEY_FINGERPRINT}" "${KEYRINGS}/docker.asc"
install_key https://packages.microsoft.com/keys/microsoft.asc "${MICROSOFT_KEY_FINGERPRINT}" "${KEYRINGS}/microsoft.asc"
add_source docker https://download.docker.com/linux/ubuntu "${CODENAME}" stable "${KEYRINGS}/docker.asc"
add_source azure-cli https://packages.microsoft.com/repos/azure-cli/ "${CODENAME}" main "${KEYRINGS}/microsoft.asc"

retry apt_get update
retry apt_get install -y --no-install-recommends \
  docker-ce docker-ce-cli containerd.io docker-buildx-plugin docker-compose-plugin azure-cli
systemctl enable --now docker.service

# Pipelines build images, so the service user talks to the Docker daemon. Membership of the docker group is
# root-equivalent on this VM; the VM runs nothing but the agent.
usermod --append --groups docker "${HARDAKS_SERVICE_USER}"

# kubectl and kubelogin (the Entra ID credential plugin AKS needs) into /usr/local/bin.
retry az aks install-cli --only-show-errors
install_helm

log "installed $(docker --version), azure-cli $(az version --query '"azure-cli"' --output tsv), kubectl, kubelogin and helm ${HARDAKS_HELM_VERSION}"
