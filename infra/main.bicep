// transit-warden: the Function App, its storage and monitoring, and the custom role it runs with in
// every subscription it watches.
//
// Scope: subscription. azd creates the resource group, and the custom role definition and its
// assignment are subscription-scoped resources in each *target* subscription (role.bicep through
// `scope: subscription(id)`); one subscription-level deployment does all of it, which a
// resource-group deployment could only do by reaching upwards.
//
// The Event Grid subscriptions are NOT here: an AzureFunction endpoint can only be created once the
// function `onResourceWrite` exists, i.e. after `azd deploy`. The azd postdeploy hook
// (scripts/postdeploy.sh) deploys infra/eventgrid.bicep with `az deployment sub create`.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names and tags every resource.')
param environmentName string

@minLength(1)
@description('Region of the Function App and its storage; it must offer the Flex Consumption plan.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Resource group for the app; empty means rg-<environmentName>.')
param resourceGroupName string = ''

@description('Comma-separated ids of the subscriptions transit-warden watches and may fix. Empty means the subscription this is deployed to. Each gets the custom role; nothing else is granted there.')
param targetSubscriptionIds string = ''

@allowed([
  'dry-run'
  'enforce'
])
@description('TRANSIT_WARDEN_MODE. A new deployment starts in dry-run: it records what it would fix and writes nothing.')
param wardenMode string = 'dry-run'

@description('TRANSIT_WARDEN_CONTROL_MODES, e.g. "storage-min-tls=report,appservice-ftps-only=dry-run". Empty keeps each control\'s default.')
param controlModes string = ''

@description('TRANSIT_WARDEN_SWEEP_SCHEDULE: six-field NCRONTAB of the drift sweep.')
param sweepSchedule string = '0 0 */6 * * *'

@allowed([
  'auto'
  'graph'
  'list'
])
@description('TRANSIT_WARDEN_SWEEP_SOURCE: Resource Graph (graph), ARM list calls (list, clouds without Graph), or Graph then list calls (auto).')
param sweepSource string = 'auto'

@description('TRANSIT_WARDEN_ALLOWED_SCOPES: further subscriptions and management groups (/providers/Microsoft.Management/managementGroups/{name}) the app may act in, comma-separated; a group needs the app identity to have Reader there and its subscriptions onboarded (infra/management-group.bicep).')
param allowedScopes string = ''

@description('TRANSIT_WARDEN_SCOPE_MAX_AGE_SECONDS: how long a resolution of the management groups\' subscriptions is trusted.')
param scopeMaxAgeSeconds int = 300

@description('TRANSIT_WARDEN_ALLOW_RESTARTS: let fixes that need a server restart run.')
param allowRestarts bool = false

@minValue(1)
@description('TRANSIT_WARDEN_FLAP_MAX_FIXES: fixes of one resource within the flap window before it is quarantined.')
param flapMaxFixes int = 3

@minValue(1)
@description('TRANSIT_WARDEN_FLAP_WINDOW_MINUTES: the flap window, in minutes.')
param flapWindowMinutes int = 60

@minValue(1)
@description('TRANSIT_WARDEN_WRITE_BUDGET: ARM writes per budget window before fixes pause.')
param writeBudget int = 100

@minValue(1)
@description('TRANSIT_WARDEN_WRITE_BUDGET_WINDOW_MINUTES: the write-budget window, in minutes.')
param writeBudgetWindowMinutes int = 60

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
])
@description('TRANSIT_WARDEN_LOG_LEVEL: pino log level of the engine (debug adds one line per compliant record).')
param logLevel string = 'info'

@description('TRANSIT_WARDEN_NOTIFY_TOPIC_ENDPOINT: optional https endpoint of an Event Grid topic that receives fixed / flapping / failed outcomes as CloudEvents. Grant the app identity EventGrid Data Sender on that topic.')
param notifyTopicEndpoint string = ''

@description('Object id of whoever deploys (azd sets AZURE_PRINCIPAL_ID): granted Key Vault Secrets Officer on the audit key\'s vault, to create the key once and read it for audit verify and undo. Empty grants nothing.')
param deployerPrincipalId string = ''

@allowed([
  '20'
  '22'
])
@description('Node.js version of the Flex Consumption runtime.')
param nodeVersion string = '20'

@minValue(40)
@maxValue(1000)
@description('Flex Consumption scale-out ceiling.')
param maximumInstanceCount int = 100

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  app: 'transit-warden'
}
// Split, trimmed, lower-cased, empty entries dropped; the engine compares subscription ids in lower case.
var listedSubscriptions = filter(map(split(targetSubscriptionIds, ','), id => toLower(trim(id))), id => !empty(id))
var targets = empty(listedSubscriptions) ? [subscription().subscriptionId] : listedSubscriptions

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module app 'app.bicep' = {
  name: 'transit-warden-app'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    targetSubscriptionIds: targets
    wardenMode: wardenMode
    controlModes: controlModes
    sweepSchedule: sweepSchedule
    sweepSource: sweepSource
    allowedScopes: allowedScopes
    scopeMaxAgeSeconds: scopeMaxAgeSeconds
    allowRestarts: allowRestarts
    flapMaxFixes: flapMaxFixes
    flapWindowMinutes: flapWindowMinutes
    writeBudget: writeBudget
    writeBudgetWindowMinutes: writeBudgetWindowMinutes
    logLevel: logLevel
    notifyTopicEndpoint: notifyTopicEndpoint
    deployerPrincipalId: deployerPrincipalId
    nodeVersion: nodeVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

// One custom role per target subscription, holding exactly the catalog's actions (no Contributor,
// no Owner), assigned to the app's identity at that subscription.
module role 'role.bicep' = [for subscriptionId in targets: {
  name: 'transit-warden-role-${take(uniqueString(subscriptionId, environmentName), 8)}'
  scope: subscription(subscriptionId)
  params: {
    environmentName: environmentName
    principalId: app.outputs.identityPrincipalId
  }
}]

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = app.outputs.functionAppName
output AZURE_FUNCTION_APP_ID string = app.outputs.functionAppId
output TRANSIT_WARDEN_TARGET_SUBSCRIPTION_IDS string = join(targets, ',')
output TRANSIT_WARDEN_IDENTITY_PRINCIPAL_ID string = app.outputs.identityPrincipalId
output TRANSIT_WARDEN_AUDIT_TABLE_URL string = app.outputs.auditTableUrl
output AZURE_KEY_VAULT_NAME string = app.outputs.keyVaultName
output TRANSIT_WARDEN_AUDIT_KEY_SECRET_NAME string = app.outputs.auditKeySecretName
output EVENT_GRID_DEAD_LETTER_STORAGE_ID string = app.outputs.storageAccountId
output EVENT_GRID_DEAD_LETTER_CONTAINER string = app.outputs.deadLetterContainerName
output EVENT_GRID_IDENTITY_ID string = app.outputs.eventGridIdentityId
output APPLICATIONINSIGHTS_CONNECTION_STRING string = app.outputs.applicationInsightsConnectionString
