// Onboarding by policy: every subscription under a management group, including ones created or
// moved there later, gets what infra/eventgrid.bicep and role.bicep give a listed subscription —
// the Event Grid system topic on its resource events, the event subscription delivering
// ResourceWriteSuccess to onResourceWrite (the same generated filter), and the transit-warden role
// assigned to the app's identity.
//
// Deployed once per management group, after `azd up` (the function must exist: Event Grid validates
// an AzureFunction endpoint when the subscription is created):
//   az deployment mg create --management-group-id <mg> --location <region> \
//     --template-file infra/management-group.bicep --parameters environmentName=… (see README)
//
// The policy definition is generated (infra/generated/onboard-subscription.policy.json, from
// src/deploy/policy.ts by `npm run generate`); its DeployIfNotExists template is ARM JSON built from
// the same functions as the Bicep path's filter, so the two cannot drift.
targetScope = 'managementGroup'

@minLength(1)
@maxLength(64)
@description('azd environment name of the deployment to onboard subscriptions to (AZURE_ENV_NAME).')
param environmentName string

@minLength(1)
@description('Region of the policy assignment\'s identity and of each subscription\'s events resource group.')
param location string

@description('Resource id of the Function App (output AZURE_FUNCTION_APP_ID of main.bicep).')
param functionAppId string

@description('Object id of the Function App\'s user-assigned identity (output TRANSIT_WARDEN_IDENTITY_PRINCIPAL_ID of main.bicep).')
param principalId string

@description('Storage account receiving dead-lettered events (output EVENT_GRID_DEAD_LETTER_STORAGE_ID).')
param deadLetterStorageAccountId string

@description('Blob container for dead-lettered events (output EVENT_GRID_DEAD_LETTER_CONTAINER).')
param deadLetterContainerName string

@description('User-assigned identity Event Grid dead-letters with (output EVENT_GRID_IDENTITY_ID).')
param eventGridIdentityId string

@allowed([
  'DeployIfNotExists'
  'AuditIfNotExists'
  'Disabled'
])
@description('DeployIfNotExists onboards new subscriptions (existing ones need a remediation task); AuditIfNotExists only reports.')
param effect string = 'DeployIfNotExists'

var definition = loadJsonContent('generated/onboard-subscription.policy.json')
var token = take(uniqueString(managementGroup().id, environmentName), 8)
// Role Based Access Control Administrator (built-in), granted below with a condition.
var rbacAdministrator = 'f58310d9-a9f6-439a-9e8d-f62e7b41a168'
// The app's resource group, where the function, the dead-letter storage and the Event Grid identity live.
var appSubscriptionId = split(functionAppId, '/')[2]
var appResourceGroupName = split(functionAppId, '/')[4]

// The role the app runs with, as role.bicep defines it per subscription, but once for the whole
// management group: its actions are exactly the catalog's (infra/generated/role-actions.json), and a
// catalog change reaches every onboarded subscription by redeploying this file. A custom role may
// name one management group among its assignable scopes.
resource appRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(managementGroup().id, 'transit-warden', environmentName)
  properties: {
    roleName: 'transit-warden ${environmentName} (${managementGroup().name})'
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
      managementGroup().id
    ]
  }
}

// What the DeployIfNotExists deployment itself does in each subscription, and nothing more: create
// the events resource group, run the deployment, create the system topic and its event subscription.
// Narrower than the usual EventGrid Contributor + Contributor (which could change any resource in
// every subscription of the group); role assignments are granted separately, with a condition.
resource onboardingRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(managementGroup().id, 'transit-warden-onboarding', environmentName)
  properties: {
    roleName: 'transit-warden ${environmentName} onboarding (${managementGroup().name})'
    description: 'Lets the transit-warden onboarding policy create the events resource group, Event Grid system topic and event subscription in each subscription.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.Resources/subscriptions/read'
          'Microsoft.Resources/subscriptions/resourceGroups/read'
          'Microsoft.Resources/subscriptions/resourceGroups/write'
          'Microsoft.Resources/deployments/read'
          'Microsoft.Resources/deployments/write'
          'Microsoft.Resources/deployments/validate/action'
          'Microsoft.Resources/deployments/operations/read'
          'Microsoft.Resources/deployments/operationstatuses/read'
          'Microsoft.EventGrid/systemTopics/read'
          'Microsoft.EventGrid/systemTopics/write'
          'Microsoft.EventGrid/systemTopics/eventSubscriptions/read'
          'Microsoft.EventGrid/systemTopics/eventSubscriptions/write'
          'Microsoft.EventGrid/eventSubscriptions/read'
          'Microsoft.EventGrid/eventSubscriptions/write'
          'Microsoft.Authorization/roleAssignments/read'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: [
      managementGroup().id
    ]
  }
}

resource policy 'Microsoft.Authorization/policyDefinitions@2024-04-01' = {
  // Definition names are limited to 64 characters; the display name carries the environment.
  name: 'transit-warden-onboard-${token}'
  properties: {
    displayName: '${definition.displayName} (${environmentName})'
    description: definition.description
    policyType: definition.policyType
    mode: definition.mode
    metadata: definition.metadata
    parameters: definition.parameters
    // The generated rule, with the custom role above added to the roles the deployment needs (its
    // id exists only once this file runs). Nested unions replace exactly one key each.
    policyRule: union(definition.policyRule, {
      then: union(definition.policyRule.then, {
        details: union(definition.policyRule.then.details, {
          roleDefinitionIds: concat(definition.policyRule.then.details.roleDefinitionIds, [
            onboardingRole.id
          ])
        })
      })
    })
  }
}

// Management-group assignment names are limited to 24 characters.
resource assignment 'Microsoft.Authorization/policyAssignments@2024-04-01' = {
  name: 'tw-onboard-${token}'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    displayName: 'transit-warden ${environmentName}: onboard subscriptions'
    description: 'Subscribes every subscription under this management group to the transit-warden function ${functionAppId} and grants its identity the transit-warden role there.'
    policyDefinitionId: policy.id
    parameters: {
      effect: {
        value: effect
      }
      environmentName: {
        value: environmentName
      }
      location: {
        value: location
      }
      functionAppId: {
        value: functionAppId
      }
      principalId: {
        value: principalId
      }
      roleDefinitionId: {
        value: appRole.id
      }
      deadLetterStorageAccountId: {
        value: deadLetterStorageAccountId
      }
      deadLetterContainerName: {
        value: deadLetterContainerName
      }
      eventGridIdentityId: {
        value: eventGridIdentityId
      }
    }
    nonComplianceMessages: [
      {
        message: 'This subscription is not subscribed to transit-warden (${environmentName}); create a remediation task for the assignment.'
      }
    ]
  }
}

resource onboardingGrant 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(managementGroup().id, assignment.id, onboardingRole.id)
  properties: {
    roleDefinitionId: onboardingRole.id
    principalId: assignment.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'transit-warden ${environmentName}: the onboarding policy deploys the Event Grid resources'
  }
}

// The deployment assigns the app's role to the app's identity in each subscription. Instead of User
// Access Administrator (which could grant anything, Owner included, to anyone), Role Based Access
// Control Administrator with a condition: role assignments may be written and deleted only for
// exactly the transit-warden role and exactly the app's identity.
resource roleAssignmentGrant 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(managementGroup().id, assignment.id, rbacAdministrator)
  properties: {
    roleDefinitionId: tenantResourceId('Microsoft.Authorization/roleDefinitions', rbacAdministrator)
    principalId: assignment.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'transit-warden ${environmentName}: assign only the transit-warden role, only to the app identity'
    conditionVersion: '2.0'
    condition: '((!(ActionMatches{\'Microsoft.Authorization/roleAssignments/write\'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${appRole.name}} AND @Request[Microsoft.Authorization/roleAssignments:PrincipalId] ForAnyOfAnyValues:GuidEquals {${principalId}})) AND ((!(ActionMatches{\'Microsoft.Authorization/roleAssignments/delete\'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${appRole.name}} AND @Resource[Microsoft.Authorization/roleAssignments:PrincipalId] ForAnyOfAnyValues:GuidEquals {${principalId}}))'
  }
}

// Event Grid's linked-access checks when the deployment creates the event subscription: it must be
// allowed to use the function as a destination, the dead-letter account, and the Event Grid identity.
// Those live in the app's resource group, outside the management group's subscriptions' scope.
module endpointAccess 'policy-endpoint-access.bicep' = {
  name: 'transit-warden-policy-endpoints-${token}'
  scope: resourceGroup(appSubscriptionId, appResourceGroupName)
  params: {
    environmentName: environmentName
    principalId: assignment.identity.principalId
  }
}

output policyDefinitionId string = policy.id
output policyAssignmentId string = assignment.id
output policyAssignmentName string = assignment.name
output appRoleDefinitionId string = appRole.id
output assignmentPrincipalId string = assignment.identity.principalId
