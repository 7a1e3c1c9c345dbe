#!/bin/bash
# hardaks-azure-token prints an access token of the VM's managed identity for pipeline jobs, which cannot reach the
# Instance Metadata Service themselves (/etc/hardaks/imds-block.nft). The job user runs it through sudo
# (/etc/sudoers.d/hardaks-azure-token allows exactly these two forms):
#
#   sudo -n /usr/local/sbin/hardaks-azure-token arm   Azure Resource Manager (https://management.azure.com/): the
#                                                      bare access token, e.g. for the registry's token exchange
#                                                      (hardaks-acr-login)
#   sudo -n /usr/local/sbin/hardaks-azure-token aks   the AKS Entra ID server application: a
#                                                      client.authentication.k8s.io/v1 ExecCredential, the job's
#                                                      kubeconfig runs it as kubectl's credential plugin
#
# No other audience, above all not Key Vault (https://vault.azure.net): secret values come only from the vault's data
# plane, which takes only tokens for the vault audience, so nothing this prints reads the registration token.
# https://learn.microsoft.com/azure/key-vault/general/security-features
# The token goes to stdout only: never to disk, a command line or the log.
set -euo pipefail
set +x
umask 077

usage() {
  printf 'usage: sudo -n %s arm|aks\n' "$0" >&2
  exit 2
}

(($# == 1)) || usage
case "$1" in
arm) resource=https://management.azure.com/ ;;
aks) resource=6dae42f8-4368-4678-94ff-3960e28e3630 ;;
*) usage ;;
esac
readonly resource

# shellcheck source=/dev/null
. /etc/hardaks/agent.env

# https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/how-to-use-vm-token
imds_token() {
  curl --fail --silent --show-error --noproxy '*' --max-time 30 --retry 3 --get \
    --header 'Metadata: true' \
    --data-urlencode 'api-version=2018-02-01' \
    --data-urlencode "resource=${resource}" \
    --data-urlencode "client_id=${HARDAKS_IDENTITY_CLIENT_ID}" \
    http://169.254.169.254/metadata/identity/oauth2/token
}

case "$1" in
arm)
  imds_token | jq --exit-status --raw-output '.access_token'
  ;;
aks)
  # https://kubernetes.io/docs/reference/access-authn-authz/authentication/#input-and-output-formats
  imds_token | jq --exit-status --compact-output '.access_token as $t | {
    apiVersion: "client.authentication.k8s.io/v1",
    kind: "ExecCredential",
    status: {token: $t, expirationTimestamp: (.expires_on | tonumber | todate)}
  }'
  ;;
esac
