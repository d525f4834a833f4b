// What the onboarding policy's identity needs in the app's own resource group (deployed there by
// management-group.bicep). When a deployment creates an event subscription, Event Grid checks that
// the caller may use each resource the subscription points at — write access on a destination that
// is not a webhook (the function), on the dead-letter storage account, and the right to assign the
// user-assigned identity the topic dead-letters with. The per-subscription path needs none of this
// because the person running `azd up` holds it; the policy identity holds only this role here.
//
// Scoped to the app's resource group (which holds only transit-warden's resources), not to the
// management group: nothing in the watched subscriptions gains these rights.
targetScope = 'resourceGroup'

param environmentName string

@description('Principal id of the onboarding policy assignment\'s system-assigned identity.')
param principalId string

resource endpointRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'transit-warden-policy-endpoints', environmentName)
  properties: {
    roleName: 'transit-warden ${environmentName} policy endpoints (${resourceGroup().name})'
    description: 'Lets the transit-warden onboarding policy point event subscriptions at the app\'s function, dead-letter storage and Event Grid identity.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.Web/sites/read'
          'Microsoft.Web/sites/functions/read'
          'Microsoft.Web/sites/functions/write'
          'Microsoft.Storage/storageAccounts/read'
          'Microsoft.Storage/storageAccounts/write'
          'Microsoft.ManagedIdentity/userAssignedIdentities/read'
          'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: [
      resourceGroup().id
    ]
  }
}

resource endpointGrant 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, endpointRole.id)
  properties: {
    roleDefinitionId: endpointRole.id
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'transit-warden ${environmentName}: the onboarding policy subscribes the app\'s function'
  }
}

output roleDefinitionId string = endpointRole.id
