// The Function App and everything it owns, in the app's resource group. No account keys anywhere:
// the host, the deployment package, the sweep queue and the audit table are all reached with the
// app's user-assigned identity, and the storage account refuses Shared Key outright.
targetScope = 'resourceGroup'

param location string
param tags object
@description('Short unique suffix for globally unique names.')
param resourceToken string
@description('Lower-cased subscription ids transit-warden may act in (TRANSIT_WARDEN_ALLOWED_SUBSCRIPTIONS).')
param targetSubscriptionIds array
param wardenMode string
param controlModes string
param sweepSchedule string
param sweepSource string
param allowedScopes string
param scopeMaxAgeSeconds int
param allowRestarts bool
param flapMaxFixes int
param flapWindowMinutes int
param writeBudget int
param writeBudgetWindowMinutes int
param logLevel string
@description('Optional Event Grid topic endpoint for outcome notifications; empty disables them.')
param notifyTopicEndpoint string
@description('Object id of the person or pipeline deploying (azd sets AZURE_PRINCIPAL_ID): may create the audit key in the Key Vault. Empty grants nothing.')
param deployerPrincipalId string
param nodeVersion string
param maximumInstanceCount int
param instanceMemoryMB int

var functionAppName = 'func-tw-${resourceToken}'
var deploymentContainerName = 'app-package-${resourceToken}'
var deadLetterContainerName = 'eventgrid-deadletter'
// Table names are alphanumeric only.
var auditTableName = 'transitwardenaudit'
// The audit key (TRANSIT_WARDEN_AUDIT_KEY) is this secret; scripts/postprovision.sh creates it once,
// when it is absent, and never replaces it (a new key would leave every earlier record unverifiable).
var auditKeySecretName = 'transit-warden-audit-key'
// Leases and write intents (src/coordination/table.ts): updated and deleted, so kept apart from the audit log.
var leaseTableName = 'transitwardenleases'
// Must match SWEEP_QUEUE in src/handlers/drift-sweep.ts; the host moves poison messages to <queue>-poison.
var sweepQueueName = 'transit-warden-sweep'

// Built-in role definition ids (data-plane and monitoring only; the ARM role is role.bicep).
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

// The app's identity: reads and patches watched resources (role.bicep) and reaches its own storage.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-tw-${resourceToken}'
  location: location
  tags: tags
}

// A separate identity for Event Grid dead-lettering, so the system topics never hold the app's rights.
resource eventGridIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-tw-eventgrid-${resourceToken}'
  location: location
  tags: tags
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'sttw${resourceToken}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    dnsEndpointType: 'Standard'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource blobServices 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }

    resource deadLetterContainer 'containers' = {
      name: deadLetterContainerName
      properties: {
        publicAccess: 'None'
      }
    }
  }

  resource tableServices 'tableServices' = {
    name: 'default'

    resource auditTable 'tables' = {
      name: auditTableName
    }

    resource leaseTable 'tables' = {
      name: leaseTableName
    }
  }

  resource queueServices 'queueServices' = {
    name: 'default'

    resource sweepQueue 'queues' = {
      name: sweepQueueName
    }

    resource sweepPoisonQueue 'queues' = {
      name: '${sweepQueueName}-poison'
    }
  }
}

// Holds the audit key, and nothing else. RBAC only (no access policies); purge protection, so a
// deleted key can be recovered and the log still verified.
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-tw-${resourceToken}'
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-tw-${resourceToken}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-tw-${resourceToken}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    // Telemetry is sent with the app's identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING), not the key.
    DisableLocalAuth: true
  }
}

// The outcome logs as a portal workbook, listed under the Application Insights component.
module workbook 'workbook/workbook.bicep' = {
  name: 'transit-warden-workbook'
  params: {
    location: location
    tags: tags
    appInsightsId: appInsights.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-tw-${resourceToken}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  // azd finds the service's host by this tag.
  tags: union(tags, { 'azd-service-name': 'app' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    // Key Vault references (TRANSIT_WARDEN_AUDIT_KEY) resolve with the user-assigned identity.
    keyVaultReferenceIdentity: identity.id
    // We eat our own cooking: the app passes appservice-https-only, -min-tls, -scm-min-tls, -ftps-only.
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'node'
        version: nodeVersion
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        // AzureWebJobsStorage by identity: account name + credential, never a connection string.
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storage.name
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identity.properties.clientId
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identity.properties.clientId};Authorization=AAD'
        }
        // DefaultAzureCredential picks the user-assigned identity by this client id (src/runtime.ts).
        {
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'TRANSIT_WARDEN_MODE'
          value: wardenMode
        }
        {
          name: 'TRANSIT_WARDEN_CONTROL_MODES'
          value: controlModes
        }
        {
          name: 'TRANSIT_WARDEN_ALLOWED_SUBSCRIPTIONS'
          value: join(targetSubscriptionIds, ',')
        }
        // Writes by our own identity are not re-evaluated; events carry either id in their claims.
        {
          name: 'TRANSIT_WARDEN_OWN_IDENTITIES'
          value: '${identity.properties.principalId},${identity.properties.clientId}'
        }
        {
          name: 'TRANSIT_WARDEN_ALLOW_RESTARTS'
          value: allowRestarts ? 'true' : 'false'
        }
        {
          // Node flags for the worker (src/deploy/worker-arguments.ts): a larger young generation,
          // so garbage collection stops dominating the per-event latency tail.
          name: 'languageWorkers__node__arguments'
          value: '--max-semi-space-size=64'
        }
        {
          name: 'TRANSIT_WARDEN_SWEEP_SCHEDULE'
          value: sweepSchedule
        }
        {
          name: 'TRANSIT_WARDEN_SWEEP_SOURCE'
          value: sweepSource
        }
        {
          name: 'TRANSIT_WARDEN_ALLOWED_SCOPES'
          value: allowedScopes
        }
        {
          name: 'TRANSIT_WARDEN_SCOPE_MAX_AGE_SECONDS'
          value: string(scopeMaxAgeSeconds)
        }
        {
          name: 'TRANSIT_WARDEN_FLAP_MAX_FIXES'
          value: string(flapMaxFixes)
        }
        {
          name: 'TRANSIT_WARDEN_FLAP_WINDOW_MINUTES'
          value: string(flapWindowMinutes)
        }
        {
          name: 'TRANSIT_WARDEN_WRITE_BUDGET'
          value: string(writeBudget)
        }
        {
          name: 'TRANSIT_WARDEN_WRITE_BUDGET_WINDOW_MINUTES'
          value: string(writeBudgetWindowMinutes)
        }
        {
          name: 'TRANSIT_WARDEN_LOG_LEVEL'
          value: logLevel
        }
        {
          name: 'TRANSIT_WARDEN_NOTIFY_TOPIC_ENDPOINT'
          value: notifyTopicEndpoint
        }
        {
          name: 'TRANSIT_WARDEN_AUDIT_TABLE_URL'
          value: '${storage.properties.primaryEndpoints.table}${auditTableName}'
        }
        // The HMAC key that seals every audit record; the platform resolves the reference, and the
        // app refuses to start while it is unresolved (src/audit/integrity.ts auditKeyFrom).
        {
          name: 'TRANSIT_WARDEN_AUDIT_KEY'
          value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${auditKeySecretName})'
        }
        {
          name: 'TRANSIT_WARDEN_LEASE_TABLE_URL'
          value: '${storage.properties.primaryEndpoints.table}${leaseTableName}'
        }
      ]
    }
  }
}

// Basic (user name + password) publishing is off for FTP and SCM; azd deploys with Entra tokens.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

// The Functions host keeps leases and the deployment package in blobs.
resource hostBlobAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The drift sweep fans out on the transit-warden-sweep queue (timer output, queue trigger).
resource sweepQueueAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The audit log is insert-only for the app: read and add entities, no update, no delete (the
// table store only ever inserts, src/audit/table-store.ts), so the function cannot rewrite history.
// Storage Table Data Contributor would also grant entities/write, update/action and delete.
resource auditAppendRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'transit-warden-audit-append')
  properties: {
    roleName: 'transit-warden audit append (${resourceToken})'
    description: 'Reads and adds entities of the transit-warden audit table; cannot update or delete them.'
    type: 'CustomRole'
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.Storage/storageAccounts/tableServices/tables/entities/read'
          'Microsoft.Storage/storageAccounts/tableServices/tables/entities/add/action'
        ]
        notDataActions: []
      }
    ]
    assignableScopes: [
      resourceGroup().id
    ]
  }
}

// Scoped to the one table.
resource auditTableAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::tableServices::auditTable.id, identity.id, auditAppendRole.id)
  scope: storage::tableServices::auditTable
  properties: {
    roleDefinitionId: auditAppendRole.id
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The app reads the audit key through its Key Vault reference.
resource auditKeyAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Leases and write intents (src/coordination/table.ts) are read, inserted, replaced (If-Match on
// the lease's ETag) and deleted: exactly those four, on their own table. Not Storage Table Data
// Contributor, which adds entities/write (upsert), and not on the audit table, which stays insert-only.
resource leaseRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'transit-warden-leases')
  properties: {
    roleName: 'transit-warden leases (${resourceToken})'
    description: 'Reads, adds, updates and deletes entities of the transit-warden lease table (leases and write intents).'
    type: 'CustomRole'
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: [
          'Microsoft.Storage/storageAccounts/tableServices/tables/entities/read'
          'Microsoft.Storage/storageAccounts/tableServices/tables/entities/add/action'
          'Microsoft.Storage/storageAccounts/tableServices/tables/entities/update/action'
          'Microsoft.Storage/storageAccounts/tableServices/tables/entities/delete'
        ]
        notDataActions: []
      }
    ]
    assignableScopes: [
      resourceGroup().id
    ]
  }
}

resource leaseTableAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::tableServices::leaseTable.id, identity.id, leaseRole.id)
  scope: storage::tableServices::leaseTable
  properties: {
    roleDefinitionId: leaseRole.id
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The deployer creates the key once (scripts/postprovision.sh) and can read it for `audit verify` / `undo`.
resource deployerKeyAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    principalId: deployerPrincipalId
  }
}

resource telemetryAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identity.id, monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Event Grid writes undeliverable events here, with its own identity, scoped to this one container.
resource deadLetterAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobServices::deadLetterContainer.id, eventGridIdentity.id, storageBlobDataContributor)
  scope: storage::blobServices::deadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: eventGridIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output functionAppName string = functionApp.name
output functionAppId string = functionApp.id
output identityPrincipalId string = identity.properties.principalId
output identityClientId string = identity.properties.clientId
output storageAccountId string = storage.id
output deadLetterContainerName string = deadLetterContainerName
output auditTableUrl string = '${storage.properties.primaryEndpoints.table}${auditTableName}'
output keyVaultName string = vault.name
output auditKeySecretName string = auditKeySecretName
output eventGridIdentityId string = eventGridIdentity.id
output applicationInsightsConnectionString string = appInsights.properties.ConnectionString
