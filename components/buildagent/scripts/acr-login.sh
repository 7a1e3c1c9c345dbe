#!/bin/bash
# hardaks-acr-login logs the job's Docker client (the job user's rootless daemon) in to the environment's registry
# as the VM's managed identity, replacing `az acr login`, which needs IMDS. It exchanges an Azure Resource Manager
# token from hardaks-azure-token for a registry refresh token and hands that to docker login on stdin; no token is
# ever on a command line. The identity holds AcrPush on the registry.
# https://github.com/Azure/acr/blob/main/docs/AAD-OAuth.md#calling-post-oauth2exchange-to-get-an-acr-refresh-token
set -euo pipefail
set +x
umask 077

# shellcheck source=/dev/null
. /etc/hardaks/agent.env

readonly server=${HARDAKS_REGISTRY_LOGIN_SERVER}
export DOCKER_HOST=${DOCKER_HOST:-unix:///run/user/$(id -u)/docker.sock}

arm=$(sudo -n /usr/local/sbin/hardaks-azure-token arm)
refresh=$(printf '%s' "${arm}" |
  curl --fail --silent --show-error --proto '=https' --tlsv1.2 --max-time 60 \
    --data-urlencode grant_type=access_token --data-urlencode "service=${server}" --data-urlencode access_token@- \
    "https://${server}/oauth2/exchange" | jq --exit-status --raw-output '.refresh_token')
arm=""
# The null GUID user name tells the registry that the password is a refresh token.
printf '%s' "${refresh}" |
  docker login --username 00000000-0000-0000-0000-000000000000 --password-stdin "${server}"
refresh=""
