// Second deployment, run by the azd postdeploy hook (scripts/postdeploy.sh) with
// `az deployment sub create`: Event Grid can only create a subscription to an AzureFunction endpoint
// once the function (onResourceWrite) exists, which is after `azd deploy`, not after `azd provision`.
//
// For each watched subscription: a resource group, an Event Grid system topic on the subscription's
// resource events, and one event subscription to onResourceWrite (eventgrid-topic.bicep). Azure
// allows one system topic per source: a subscription that already has a Microsoft.Resources.
// Subscriptions system topic makes this deployment fail with a conflict; remove it or add ours to it.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
param environmentName string

@description('Region of the per-subscription resource groups (the topics themselves are global).')
param location string

@description('Resource id of the Function App (output AZURE_FUNCTION_APP_ID of main.bicep).')
param functionAppId string

@description('Comma-separated subscription ids to watch (output TRANSIT_WARDEN_TARGET_SUBSCRIPTION_IDS of main.bicep).')
param targetSubscriptionIds string

@description('Storage account receiving dead-lettered events.')
param deadLetterStorageAccountId string

param deadLetterContainerName string

@description('User-assigned identity Event Grid dead-letters with (Storage Blob Data Contributor on the container).')
param eventGridIdentityId string

var targets = filter(map(split(targetSubscriptionIds, ','), id => toLower(trim(id))), id => !empty(id))
var eventsResourceGroupName = 'rg-${environmentName}-events'
var tags = {
  'azd-env-name': environmentName
  app: 'transit-warden'
}

module groups 'resource-group.bicep' = [for subscriptionId in targets: {
  name: 'transit-warden-events-rg-${take(uniqueString(subscriptionId, environmentName), 8)}'
  scope: subscription(subscriptionId)
  params: {
    name: eventsResourceGroupName
    location: location
    tags: tags
  }
}]

module topics 'eventgrid-topic.bicep' = [for (subscriptionId, i) in targets: {
  name: 'transit-warden-events-${take(uniqueString(subscriptionId, environmentName), 8)}'
  scope: resourceGroup(subscriptionId, eventsResourceGroupName)
  dependsOn: [
    groups[i]
  ]
  params: {
    systemTopicName: 'evgt-tw-${environmentName}'
    tags: tags
    functionAppId: functionAppId
    deadLetterStorageAccountId: deadLetterStorageAccountId
    deadLetterContainerName: deadLetterContainerName
    eventGridIdentityId: eventGridIdentityId
  }
}]

output systemTopicIds array = [for (subscriptionId, i) in targets: topics[i].outputs.systemTopicId]
