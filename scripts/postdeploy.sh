#!/bin/sh
# azd postdeploy hook: subscribes onResourceWrite to the resource events of every watched subscription.
#
# This cannot be part of `azd provision`: Event Grid validates an AzureFunction endpoint when the
# subscription is created, so the function must already be deployed. The step is a second Bicep
# deployment (infra/eventgrid.bicep) at subscription scope; it is idempotent, so every
# `azd deploy` / `azd up` re-applies it (and picks up a regenerated event filter).
set -eu

. "$(dirname "$0")/azd-hook-env.sh"
require_az 'create the Event Grid subscriptions'

cd "$(dirname "$0")/.."

env_name=$(value AZURE_ENV_NAME)
location=$(value AZURE_LOCATION)
subscription=$(value AZURE_SUBSCRIPTION_ID)
function_app_id=$(value AZURE_FUNCTION_APP_ID)
targets=$(value TRANSIT_WARDEN_TARGET_SUBSCRIPTION_IDS)
dead_letter_storage=$(value EVENT_GRID_DEAD_LETTER_STORAGE_ID)
dead_letter_container=$(value EVENT_GRID_DEAD_LETTER_CONTAINER)
event_grid_identity=$(value EVENT_GRID_IDENTITY_ID)

# A Flex Consumption app lists its functions only after the host has indexed the new package; wait
# for onResourceWrite rather than let Event Grid reject the endpoint.
attempt=1
until az rest --method get --only-show-errors --output none \
  --url "https://management.azure.com${function_app_id}/functions/onResourceWrite?api-version=2024-04-01"; do
  if [ "$attempt" -ge 30 ]; then
    echo "postdeploy: function onResourceWrite did not appear on ${function_app_id} after 5 minutes" >&2
    exit 1
  fi
  echo "postdeploy: waiting for onResourceWrite to be indexed (attempt ${attempt}/30)"
  attempt=$((attempt + 1))
  sleep 10
done

az deployment sub create \
  --subscription "$subscription" \
  --name "transit-warden-eventgrid-${env_name}" \
  --location "$location" \
  --template-file infra/eventgrid.bicep \
  --only-show-errors \
  --output none \
  --parameters \
    environmentName="$env_name" \
    location="$location" \
    functionAppId="$function_app_id" \
    targetSubscriptionIds="$targets" \
    deadLetterStorageAccountId="$dead_letter_storage" \
    deadLetterContainerName="$dead_letter_container" \
    eventGridIdentityId="$event_grid_identity"

echo "postdeploy: Event Grid subscriptions to onResourceWrite are in place for: ${targets}"
