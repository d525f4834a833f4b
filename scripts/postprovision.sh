#!/bin/sh
# azd postprovision hook: makes sure the audit key (TRANSIT_WARDEN_AUDIT_KEY) exists in the
# deployment's Key Vault, before `azd deploy` starts the app that seals records with it.
#
# The key is created once, when the secret is absent, and never replaced: records sealed under an
# earlier key could no longer be verified, so undo would refuse them. It is never printed, and it
# never appears on a command line (it is written to a private temporary file and uploaded from there).
set -eu

. "$(dirname "$0")/azd-hook-env.sh"
require_az 'create the audit key'

vault=$(value AZURE_KEY_VAULT_NAME)
secret=$(value TRANSIT_WARDEN_AUDIT_KEY_SECRET_NAME)

# Only "SecretNotFound" means absent; any other failure (no rights yet, network) stops here rather
# than risk replacing a key that exists.
if errors=$(az keyvault secret show --vault-name "$vault" --name "$secret" --query id --output none 2>&1); then
  echo "postprovision: audit key ${secret} is in ${vault}; left as it is"
  exit 0
fi
case "$errors" in
  *SecretNotFound*) ;;
  *)
    echo "postprovision: could not read ${secret} in ${vault}: ${errors}" >&2
    echo "postprovision: the deployer needs Key Vault Secrets Officer on the vault (main.bicep grants it to AZURE_PRINCIPAL_ID; role assignments can take minutes to apply)" >&2
    exit 1
    ;;
esac

umask 077
key_file=$(mktemp)
trap 'rm -f "$key_file"' EXIT INT TERM
openssl rand -base64 32 | tr -d '\n' >"$key_file"
az keyvault secret set --vault-name "$vault" --name "$secret" --file "$key_file" --encoding utf-8 \
  --content-type 'transit-warden audit HMAC key' --only-show-errors --output none
echo "postprovision: created audit key ${secret} in ${vault}"
