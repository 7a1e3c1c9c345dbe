#!/bin/bash
# hardaks-install-tools prepares a build agent at first boot: it installs Docker Engine (rootless for the job user)
# and the Azure CLI from their vendors' signed apt repositories, kubectl and kubelogin through `az aks install-cli`,
# a pinned, checksum-verified Helm release and the pristine copy of the CI agent every job's runner directory is
# restored from, and it isolates the job user: IMDS and WireServer blocked for every non-root socket, no system Docker
# daemon, no cron or at. cloud-init runs it once, as root, before it starts hardaks-agent.service. It handles no
# secret.
set -euo pipefail

# shellcheck source=/dev/null
. /etc/hardaks/agent.env

export DEBIAN_FRONTEND=noninteractive
export AZURE_CORE_COLLECT_TELEMETRY=false

readonly KEYRINGS=/etc/apt/keyrings
# The pristine, root-owned agent: hardaks-register-agent copies it to a fresh runner directory for every job.
readonly PRISTINE_DIR=/opt/hardaks-agent-dist
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

# install_agent downloads the agent release, checks it against HARDAKS_AGENT_SHA256 when one is given, unpacks it
# into PRISTINE_DIR, owned by root, and installs the .NET libraries it needs. Nothing ever runs from PRISTINE_DIR.
install_agent() {
  local url archive
  case "${HARDAKS_CI_SYSTEM}" in
  azureDevOps)
    url="https://download.agent.dev.azure.com/agent/${HARDAKS_AGENT_VERSION}/vsts-agent-linux-${AGENT_ARCH}-${HARDAKS_AGENT_VERSION}.tar.gz"
    ;;
  githubActions)
    url="https://github.com/actions/runner/releases/download/v${HARDAKS_AGENT_VERSION}/actions-runner-linux-${AGENT_ARCH}-${HARDAKS_AGENT_VERSION}.tar.gz"
    ;;
  *)
    log "unknown CI system ${HARDAKS_CI_SYSTEM}"
    return 1
    ;;
  esac
  archive=$(mktemp)
  retry download "${url}" "${archive}"
  if [[ -n ${HARDAKS_AGENT_SHA256} ]]; then
    printf '%s  %s\n' "${HARDAKS_AGENT_SHA256}" "${archive}" | sha256sum --check --strict --quiet -
  fi
  rm -rf "${PRISTINE_DIR}"
  install -d -m 0755 -o root -g root "${PRISTINE_DIR}"
  tar -xzf "${archive}" -C "${PRISTINE_DIR}" --no-same-owner
  rm -f "${archive}"
  # Ubuntu's cloud image usually has every library already; if the helper fails, config.sh names what is missing.
  if ! "${PRISTINE_DIR}/bin/installdependencies.sh"; then
    log "warning: ${PRISTINE_DIR}/bin/installdependencies.sh failed; continuing"
  fi
}

# add_subordinate_ids gives the service user 65536 subordinate user or group IDs after the highest range in use, for
# rootless Docker's user namespace. https://docs.docker.com/engine/security/rootless/#prerequisites
add_subordinate_ids() {
  local file=$1 option=$2 start
  touch "${file}"
  if grep --quiet "^${HARDAKS_SERVICE_USER}:" "${file}"; then
    return 0
  fi
  start=$(awk -F: 'BEGIN { free = 100000 } $2 + $3 > free { free = $2 + $3 } END { print free }' "${file}")
  usermod "${option}" "${start}-$((start + 65535))" "${HARDAKS_SERVICE_USER}"
}

ARCH=$(dpkg --print-architecture)
readonly ARCH
case "${ARCH}" in
amd64) AGENT_ARCH=x64 ;;
arm64) AGENT_ARCH=arm64 ;;
*)
  log "unsupported architecture ${ARCH}"
  exit 1
  ;;
esac
readonly AGENT_ARCH
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
# docker-ce-rootless-extras, uidmap and dbus-user-session: rootless Docker
# (https://docs.docker.com/engine/security/rootless/); Ubuntu's apparmor package already allows rootlesskit its user
# namespaces. nftables: the IMDS block.
retry apt_get install -y --no-install-recommends \
  docker-ce docker-ce-cli containerd.io docker-buildx-plugin docker-compose-plugin docker-ce-rootless-extras \
  uidmap dbus-user-session slirp4netns nftables azure-cli

# Only root may reach IMDS and WireServer: load the rules now and at every boot, before the network. If they cannot
# be loaded this fails, and cloud-init never starts the agent (nor does systemd, which requires the unit).
systemctl daemon-reload
systemctl enable --now hardaks-imds-block.service
nft list table inet hardaks_imds >/dev/null

# No system Docker daemon: its socket is root-equivalent for anyone who may use it. The job user runs its own rootless
# daemon, which hardaks-register-agent sets up for every job; the service user is in no docker group.
systemctl disable --now docker.service docker.socket containerd.service
systemctl mask docker.service docker.socket
rm -f /var/run/docker.sock
add_subordinate_ids /etc/subuid --add-subuids
add_subordinate_ids /etc/subgid --add-subgids

# Nothing a job schedules may outlive it.
for deny in /etc/cron.deny /etc/at.deny; do
  if ! grep --quiet --line-regexp --fixed-strings "${HARDAKS_SERVICE_USER}" "${deny}" 2>/dev/null; then
    printf '%s\n' "${HARDAKS_SERVICE_USER}" >>"${deny}"
  fi
done

# kubectl and kubelogin (the Entra ID credential plugin AKS needs) into /usr/local/bin.
retry az aks install-cli --only-show-errors
install_helm
install_agent

log "installed $(docker --version), azure-cli $(az version --query '"azure-cli"' --output tsv), kubectl, kubelogin, helm ${HARDAKS_HELM_VERSION} and ${HARDAKS_CI_SYSTEM} agent ${HARDAKS_AGENT_VERSION}"
