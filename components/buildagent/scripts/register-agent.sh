#!/bin/bash
# hardaks-register-agent runs one cycle of the ephemeral CI agent; hardaks-agent.service runs it as root, and runs
# it again whenever it ends (Restart=always):
#
#   1. reset: stop every process of the service user, which runs the jobs; delete its runner directory, its home
#      (rootless Docker's images, build cache and credentials included) and its files in the shared temporary
#      directories; restore the runner directory from the pristine root-owned copy hardaks-install-tools unpacked.
#      Nothing one job leaves behind reaches the next.
#   2. register: log in with the VM's user-assigned managed identity (only root may: /etc/hardaks/imds-block.nft),
#      read the CI token from Key Vault over the private endpoint and register the agent for exactly one job. GitHub:
#      config.sh --ephemeral, and GitHub deletes the runner after its job. Azure DevOps has no ephemeral
#      registration: config.sh --replace registers the agent again (new agent credentials; the last job's copy of
#      the old ones stops working) and run.sh --once takes one job.
#   3. run: start the user's rootless Docker daemon, write its kubeconfig and job environment, and run the agent as
#      the user until its one job is done; then this script exits and systemd starts the next cycle.
#
# The CI token and GitHub's registration token live only in shell variables and in config.sh's environment: never on
# disk, never in a command line, never in the log.
set -euo pipefail
set +x
umask 077

# shellcheck source=/dev/null
. /etc/hardaks/agent.env

readonly AGENT_DIR=/opt/hardaks-agent PRISTINE_DIR=/opt/hardaks-agent-dist
readonly TOKEN_COMMAND=/usr/local/sbin/hardaks-azure-token
readonly SERVICE_USER=${HARDAKS_SERVICE_USER}
SERVICE_UID=$(id --user "${SERVICE_USER}")
HOME_DIR=$(getent passwd "${SERVICE_USER}" | cut -d: -f6)
readonly SERVICE_UID HOME_DIR RUNTIME_DIR=/run/user/${SERVICE_UID}
# The reset deletes HOME_DIR: only ever the home cloud-init created.
[[ ${HOME_DIR} == "/home/${SERVICE_USER}" ]] || {
  printf 'hardaks-register-agent: unexpected home %s of %s\n' "${HOME_DIR}" "${SERVICE_USER}" >&2
  exit 1
}

log() {
  printf 'hardaks-register-agent: %s\n' "$*" >&2
}

fail() {
  log "$*"
  exit 1
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

# as_user runs a command as the service user in a clean environment, with the user's systemd and D-Bus sockets.
as_user() {
  runuser -u "${SERVICE_USER}" -- env --ignore-environment \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 SHELL=/bin/bash \
    "HOME=${HOME_DIR}" "USER=${SERVICE_USER}" "LOGNAME=${SERVICE_USER}" "XDG_RUNTIME_DIR=${RUNTIME_DIR}" \
    "DBUS_SESSION_BUS_ADDRESS=unix:path=${RUNTIME_DIR}/bus" "DOCKER_HOST=unix://${RUNTIME_DIR}/docker.sock" "$@"
}

# user_processes succeeds while any process runs with the service user's real or effective user ID.
user_processes() {
  pgrep --uid "${SERVICE_UID}" >/dev/null || pgrep --euid "${SERVICE_UID}" >/dev/null
}

# reset_user stops everything the service user runs and deletes everything it wrote.
reset_user() {
  local dir target
  rm -f "/var/spool/cron/crontabs/${SERVICE_USER}"
  # The user's systemd instance holds rootless Docker, its containers and whatever a job started with
  # systemd-run --user; the rest is killed until nothing is left.
  loginctl disable-linger "${SERVICE_USER}"
  systemctl stop "user@${SERVICE_UID}.service" "user-runtime-dir@${SERVICE_UID}.service"
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    pkill --signal KILL --uid "${SERVICE_UID}" || true
    pkill --signal KILL --euid "${SERVICE_UID}" || true
    user_processes || break
    sleep 1
  done
  if user_processes; then
    fail "processes of ${SERVICE_USER} survive SIGKILL; not starting a job"
  fi
  # FUSE mounts (fusermount3 is setuid) outlive their daemon and would stop the deletion below.
  while read -r target; do
    umount --lazy "$(printf '%b' "${target}")"
  done < <(findmnt --list --raw --noheadings --output TARGET --options "user_id=${SERVICE_UID}" || true)
  rm -rf --one-file-system "${AGENT_DIR}" "${HOME_DIR}"
  # The world-writable directories of Ubuntu.
  for dir in /tmp /var/tmp /dev/shm /run/lock /var/crash; do
    if [[ -d ${dir} ]]; then
      find "${dir}" -xdev -mindepth 1 -user "${SERVICE_UID}" -prune -exec rm -rf --one-file-system -- {} +
    fi
  done
}

# require_isolation refuses to run a job unless the job user can neither reach IMDS nor use a root-equivalent group.
require_isolation() {
  nft list table inet hardaks_imds >/dev/null || fail "the IMDS block (table inet hardaks_imds) is not loaded"
  [[ $(id --groups --name "${SERVICE_USER}") == "${SERVICE_USER}" ]] ||
    fail "${SERVICE_USER} is in supplementary groups ($(id --groups --name "${SERVICE_USER}")); not starting a job"
  if runuser -u "${SERVICE_USER}" -- curl --silent --max-time 5 --noproxy '*' --header 'Metadata: true' \
    --output /dev/null 'http://169.254.169.254/metadata/instance?api-version=2021-02-01'; then
    fail "${SERVICE_USER} reaches IMDS; not starting a job"
  fi
}

# recreate_user gives the service user an empty home and a pristine runner directory.
recreate_user() {
  [[ -x ${PRISTINE_DIR}/config.sh ]] || fail "no agent in ${PRISTINE_DIR}; hardaks-install-tools did not finish"
  install -d -m 0750 -o "${SERVICE_USER}" -g "${SERVICE_USER}" "${HOME_DIR}"
  cp -a "${PRISTINE_DIR}" "${AGENT_DIR}"
  chown -R "${SERVICE_USER}:${SERVICE_USER}" "${AGENT_DIR}"
  chmod 0750 "${AGENT_DIR}"
}

# The Azure CLI caches tokens in its configuration directory; a private temporary one, deleted before the job
# starts, leaves nothing behind.
AZURE_CONFIG_DIR=$(mktemp -d)
export AZURE_CONFIG_DIR
export AZURE_CORE_COLLECT_TELEMETRY=false
KUBECONFIG_DIR=$(mktemp -d)
trap 'rm -rf "${AZURE_CONFIG_DIR}" "${KUBECONFIG_DIR}"' EXIT

login() {
  az login --identity --client-id "${HARDAKS_IDENTITY_CLIENT_ID}" --allow-no-subscriptions --output none --only-show-errors
}

# read_token sets token to the registration token from Key Vault.
token=""
read_token() {
  token=$(az keyvault secret show --vault-name "${HARDAKS_VAULT_NAME}" --name "${HARDAKS_TOKEN_SECRET_NAME}" \
    --query value --output tsv --only-show-errors) && [[ -n ${token} ]]
}

# config.sh refuses to run as root, so it runs as the service user with the token in its environment, not on its
# command line. That is safe only because no job runs meanwhile: reset_user killed every process of the user, and its
# rootless Docker starts only after config.sh has exited.

# configure_azure_devops registers an Azure Pipelines agent with the PAT, replacing the registration (and so the
# agent credentials) of the last cycle. https://learn.microsoft.com/azure/devops/pipelines/agents/linux-agent#unattended-config
configure_azure_devops() {
  VSTS_AGENT_INPUT_TOKEN=${token} runuser -u "${SERVICE_USER}" -- ./config.sh \
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

# configure_github_actions registers an ephemeral GitHub Actions runner, which takes one job and is then deleted by
# GitHub; --replace takes over a registration of the same name that never got its job. The registration token
# reaches config.sh in ACTIONS_RUNNER_INPUT_TOKEN, not on its command line.
# https://docs.github.com/actions/hosting-your-own-runners/managing-self-hosted-runners/autoscaling-with-self-hosted-runners#using-ephemeral-runners-for-autoscaling
configure_github_actions() {
  local args=(--unattended --url "${HARDAKS_CI_URL}" --name "${HARDAKS_AGENT_NAME}" --work _work --ephemeral --replace)
  if [[ -n ${HARDAKS_CI_LABELS} ]]; then
    args+=(--labels "${HARDAKS_CI_LABELS}")
  fi
  retry github_registration_token
  ACTIONS_RUNNER_INPUT_TOKEN=${registration_token} runuser -u "${SERVICE_USER}" -- ./config.sh "${args[@]}"
  registration_token=""
}

# start_rootless_docker runs the user's own Docker daemon in its systemd instance, which lingers for the job.
# https://docs.docker.com/engine/security/rootless/
start_rootless_docker() {
  loginctl enable-linger "${SERVICE_USER}"
  systemctl start "user@${SERVICE_UID}.service"
  as_user dockerd-rootless-setuptool.sh install >&2
  for _ in $(seq 30); do
    if as_user docker info >/dev/null 2>&1; then
      return 0
    fi
    sleep 2
  done
  fail "the rootless Docker daemon of ${SERVICE_USER} did not start"
}

# fetch_kubeconfig writes the cluster's kubeconfig to KUBECONFIG_DIR, as root (Azure Kubernetes Service Cluster User
# Role). write_kubeconfig then replaces its user by one whose credential plugin is hardaks-azure-token aks through
# sudo, so kubectl and helm work and the job never holds more than a cluster token, and gives it to the service user.
fetch_kubeconfig() {
  az aks get-credentials --resource-group "${HARDAKS_CLUSTER_RESOURCE_GROUP}" --name "${HARDAKS_CLUSTER_NAME}" \
    --file "${KUBECONFIG_DIR}/config" --overwrite-existing --only-show-errors
}

write_kubeconfig() {
  local config=${KUBECONFIG_DIR}/config old_user
  old_user=$(kubectl --kubeconfig "${config}" config view --output 'jsonpath={.contexts[0].context.user}')
  kubectl --kubeconfig "${config}" config set-credentials hardaks-agent \
    --exec-command=sudo --exec-arg=-n --exec-arg="${TOKEN_COMMAND}" --exec-arg=aks \
    --exec-api-version=client.authentication.k8s.io/v1 --exec-interactive-mode=Never >/dev/null
  kubectl --kubeconfig "${config}" config set-context --current --user=hardaks-agent >/dev/null
  if [[ -n ${old_user} ]]; then
    kubectl --kubeconfig "${config}" config delete-user "${old_user}" >/dev/null
  fi
  install -d -m 0700 -o "${SERVICE_USER}" -g "${SERVICE_USER}" "${HOME_DIR}/.kube"
  install -m 0600 -o "${SERVICE_USER}" -g "${SERVICE_USER}" "${config}" "${HOME_DIR}/.kube/config"
}

# write_job_environment hands pipelines their tools and targets through the agent's .env file, which both agents
# load into every job. A job cannot log in with the identity itself (az login --identity fails without IMDS):
# HARDAKS_TOKEN_COMMAND arm|aks prints a token, hardaks-acr-login logs Docker in to the registry, and kubectl and
# helm use the kubeconfig. None of these values is secret.
write_job_environment() {
  {
    printf 'HARDAKS_TOKEN_COMMAND=sudo -n %s\n' "${TOKEN_COMMAND}"
    printf 'DOCKER_HOST=unix://%s/docker.sock\n' "${RUNTIME_DIR}"
    printf 'KUBECONFIG=%s/.kube/config\n' "${HOME_DIR}"
    printf 'HARDAKS_SUBSCRIPTION_ID=%s\n' "${HARDAKS_SUBSCRIPTION_ID}"
    printf 'HARDAKS_REGISTRY_NAME=%s\n' "${HARDAKS_REGISTRY_NAME}"
    printf 'HARDAKS_REGISTRY_LOGIN_SERVER=%s\n' "${HARDAKS_REGISTRY_LOGIN_SERVER}"
    printf 'HARDAKS_CLUSTER_NAME=%s\n' "${HARDAKS_CLUSTER_NAME}"
    printf 'HARDAKS_CLUSTER_RESOURCE_GROUP=%s\n' "${HARDAKS_CLUSTER_RESOURCE_GROUP}"
  } >>"${AGENT_DIR}/.env"
  chown "${SERVICE_USER}:${SERVICE_USER}" "${AGENT_DIR}/.env"
  chmod 0640 "${AGENT_DIR}/.env"
}

case "${HARDAKS_CI_SYSTEM}" in
azureDevOps)
  configure=configure_azure_devops
  run_args=(--once)
  ;;
githubActions)
  configure=configure_github_actions
  run_args=()
  ;;
*)
  fail "unknown CI system ${HARDAKS_CI_SYSTEM}"
  ;;
esac

reset_user
require_isolation
recreate_user
retry login
retry read_token
cd "${AGENT_DIR}"
"${configure}"
token=""
start_rootless_docker
retry fetch_kubeconfig
write_kubeconfig
write_job_environment
rm -rf "${AZURE_CONFIG_DIR}" "${KUBECONFIG_DIR}"
log "registered ${HARDAKS_AGENT_NAME} with ${HARDAKS_CI_URL} for one job"
as_user ./run.sh "${run_args[@]}"
log "${HARDAKS_AGENT_NAME} finished its job"
