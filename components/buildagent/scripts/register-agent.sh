#!/bin/bash
# hardaks-register-agent registers this VM with the CI system named in /etc/hardaks/agent.env and installs the agent
# as a systemd service running as the unprivileged service user, so it survives reboots. It logs in with the VM's
# user-assigned managed identity and reads the registration token from Key Vault over the private endpoint. The
# token lives only in a shell variable: never on disk, never in a command line, never in the log. Running it again
# is safe: an agent that is already configured is only (re)started.
set -euo pipefail
set +x
umask 077

# shellcheck source=/dev/null
. /etc/hardaks/agent.env

readonly AGENT_DIR=/opt/hardaks-agent

log() {
  printf 'hardaks-register-agent: %s\n' "$*" >&2
}

# retry runs a command up to 12 times with exponential backoff (10 s doubling, capped at 5 min; about 35 min in
# all): role assignments take minutes to reach Key Vault and the vault's private DNS record can lag at first boot.
retry() {
  local attempt=1 delay=10
  until "$@"; do
    if ((attempt >= 12)); then
      log "giving up after ${attempt} attempts: $1"
      return 1
    fi
    log "attempt ${attempt} failed, retrying in ${delay}s: $1"
    sleep "${delay}"
    attempt=$((attempt + 1))
    delay=$((delay * 2 > 300 ? 300 : delay * 2))
  done
}

download() {
  curl --fail --silent --show-error --location --proto '=https' --tlsv1.2 --output "$2" "$1"
}

case "$(dpkg --print-architecture)" in
amd64) AGENT_ARCH=x64 ;;
arm64) AGENT_ARCH=arm64 ;;
*)
  log "unsupported architecture $(dpkg --print-architecture)"
  exit 1
  ;;
esac
readonly AGENT_ARCH

# The Azure CLI caches tokens in its configuration directory; a private temporary one leaves nothing behind.
AZURE_CONFIG_DIR=$(mktemp -d)
export AZURE_CONFIG_DIR
export AZURE_CORE_COLLECT_TELEMETRY=false
trap 'rm -rf "${AZURE_CONFIG_DIR}"' EXIT

login() {
  az login --identity --client-id "${HARDAKS_IDENTITY_CLIENT_ID}" --allow-no-subscriptions --output none --only-show-errors
}

# read_token sets token to the registration token from Key Vault.
token=""
read_token() {
  token=$(az keyvault secret show --vault-name "${HARDAKS_VAULT_NAME}" --name "${HARDAKS_TOKEN_SECRET_NAME}" \
    --query value --output tsv --only-show-errors) && [[ -n ${token} ]]
}

# install_agent downloads the agent release, checks it against HARDAKS_AGENT_SHA256 when one is given, unpacks it
# into AGENT_DIR for the service user and installs the .NET libraries it needs.
install_agent() {
  local url=$1 archive
  archive=$(mktemp)
  retry download "${url}" "${archive}"
  if [[ -n ${HARDAKS_AGENT_SHA256} ]]; then
    printf '%s  %s\n' "${HARDAKS_AGENT_SHA256}" "${archive}" | sha256sum --check --strict --quiet -
  fi
  install -d -m 0750 -o "${HARDAKS_SERVICE_USER}" -g "${HARDAKS_SERVICE_USER}" "${AGENT_DIR}"
  tar -xzf "${archive}" -C "${AGENT_DIR}" --no-same-owner
  rm -f "${archive}"
  chown -R "${HARDAKS_SERVICE_USER}:${HARDAKS_SERVICE_USER}" "${AGENT_DIR}"
  # Ubuntu's cloud image usually has every library already; if the helper fails, config.sh names what is missing.
  if ! "${AGENT_DIR}/bin/installdependencies.sh"; then
    log "warning: ${AGENT_DIR}/bin/installdependencies.sh failed; continuing"
  fi
}

# write_job_environment hands pipelines the identity and targets through the agent's .env file, which both agents
# load into every job. None of these values is secret.
write_job_environment() {
  {
    printf 'AZURE_CLIENT_ID=%s\n' "${HARDAKS_IDENTITY_CLIENT_ID}"
    printf 'HARDAKS_SUBSCRIPTION_ID=%s\n' "${HARDAKS_SUBSCRIPTION_ID}"
    printf 'HARDAKS_REGISTRY_NAME=%s\n' "${HARDAKS_REGISTRY_NAME}"
    printf 'HARDAKS_REGISTRY_LOGIN_SERVER=%s\n' "${HARDAKS_REGISTRY_LOGIN_SERVER}"
    printf 'HARDAKS_CLUSTER_NAME=%s\n' "${HARDAKS_CLUSTER_NAME}"
    printf 'HARDAKS_CLUSTER_RESOURCE_GROUP=%s\n' "${HARDAKS_CLUSTER_RESOURCE_GROUP}"
  } >>"${AGENT_DIR}/.env"
  chown "${HARDAKS_SERVICE_USER}:${HARDAKS_SERVICE_USER}" "${AGENT_DIR}/.env"
  chmod 0640 "${AGENT_DIR}/.env"
}

# start_service installs the agent's systemd unit for the service user (svc.sh records the unit name in .service)
# and starts it; svc.sh needs root.
start_service() {
  cd "${AGENT_DIR}"
  if [[ ! -f .service ]]; then
    ./svc.sh install "${HARDAKS_SERVICE_USER}"
  fi
  ./svc.sh start
}

# configure_azure_devops registers an Azure Pipelines agent with the PAT. config.sh refuses to run as root, so it
# runs as the service user; the PAT reaches it in VSTS_AGENT_INPUT_TOKEN, not on its command line.
# https://learn.microsoft.com/azure/devops/pipelines/agents/linux-agent#unattended-config
configure_azure_devops() {
  VSTS_AGENT_INPUT_TOKEN=${token} runuser -u "${HARDAKS_SERVICE_USER}" -- ./config.sh \
    --unattended --url "${HARDAKS_CI_URL}" --auth pat --pool "${HARDAKS_CI_POOL}" \
    --agent "${HARDAKS_AGENT_NAME}" --work _work --replace --acceptTeeEula
}

# github_registration_token exchanges the stored token for a one-hour runner registration token. The stored token
# reaches curl on stdin as a header, not on its command line.
# https://docs.github.com/rest/actions/self-hosted-runners#create-a-registration-token-for-a-repository
registration_token=""
github_registration_token() {
  local response
  response=$(printf 'Authorization: Bearer %s\n' "${token}" |
    curl --fail --silent --show-error --proto '=https' --tlsv1.2 --request POST \
      --header 'Accept: application/vnd.github+json' --header 'X-GitHub-Api-Version: 2022-11-28' \
      --header @- "${HARDAKS_GITHUB_TOKEN_URL}") || return 1
  registration_token=$(printf '%s' "${response}" | jq --raw-output '.token // empty') && [[ -n ${registration_token} ]]
}

# configure_github_actions registers a GitHub Actions runner as the service user; the registration token reaches
# config.sh in ACTIONS_RUNNER_INPUT_TOKEN, not on its command line.
# https://docs.github.com/actions/hosting-your-own-runners/managing-self-hosted-runners/adding-self-hosted-runners
configure_github_actions() {
  local args=(--unattended --url "${HARDAKS_CI_URL}" --name "${HARDAKS_AGENT_NAME}" --work _work --replace)
  if [[ -n ${HARDAKS_CI_LABELS} ]]; then
    args+=(--labels "${HARDAKS_CI_LABELS}")
  fi
  retry github_registration_token
  ACTIONS_RUNNER_INPUT_TOKEN=${registration_token} runuser -u "${HARDAKS_SERVICE_USER}" -- ./config.sh "${args[@]}"
  registration_token=""
}

case "${HARDAKS_CI_SYSTEM}" in
azureDevOps)
  agent_url="https://download.agent.dev.azure.com/agent/${HARDAKS_AGENT_VERSION}/vsts-agent-linux-${AGENT_ARCH}-${HARDAKS_AGENT_VERSION}.tar.gz"
  configured_marker=.agent
  configure=configure_azure_devops
  ;;
githubActions)
  agent_url="https://github.com/actions/runner/releases/download/v${HARDAKS_AGENT_VERSION}/actions-runner-linux-${AGENT_ARCH}-${HARDAKS_AGENT_VERSION}.tar.gz"
  configured_marker=.runner
  configure=configure_github_actions
  ;;
*)
  log "unknown CI system ${HARDAKS_CI_SYSTEM}"
  exit 1
  ;;
esac

if [[ -f ${AGENT_DIR}/${configured_marker} ]]; then
  log "${HARDAKS_AGENT_NAME} is already registered; starting its service"
  start_service
  exit 0
fi

install_agent "${agent_url}"
retry login
retry read_token
cd "${AGENT_DIR}"
"${configure}"
token=""
write_job_environment
start_service
log "registered ${HARDAKS_AGENT_NAME} with ${HARDAKS_CI_URL}"
