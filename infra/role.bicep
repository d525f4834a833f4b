// The only ARM rights transit-warden holds in a watched subscription: a custom role whose actions are
// generated from the controls catalog (infra/generated/role-actions.json, `npm run generate`), and
// its assignment to the app's identity. Deployed once per target subscription by main.bicep.
//
// One definition per subscription, assignable only there: role names are unique per tenant (hence
// the subscription id in the name), and adding a subscription later never edits a definition that
// other subscriptions depend on.
targetScope = 'subscription'

@description('azd environment name; lets several transit-warden environments share a tenant.')
param environmentName string

@description('Object (principal) id of the Function App\'s user-assigned identity.')
param principalId string

resource role 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'transit-warden', environmentName)
  properties: {
    roleName: 'transit-warden ${environmentName} (${subscription().subscriptionId})'
    description: 'Reads resources and applies the minimal encryption-in-transit fixes of the transit-warden controls catalog. Generated from src/controls; see docs/controls.md.'
    type: 'CustomRole'
    permissions: [
      {
        actions: loadJsonContent('generated/role-actions.json')
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: [
      subscription().id
    ]
  }
}

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, role.id)
  properties: {
    roleDefinitionId: role.id
    principalId: principalId
    // Set explicitly so a freshly created identity is not rejected while Entra ID replicates it.
    principalType: 'ServicePrincipal'
    description: 'transit-warden ${environmentName}: encryption-in-transit controls'
  }
}

output roleDefinitionId string = role.id
