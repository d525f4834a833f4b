import { createHash } from 'node:crypto';
import type { ControlDefinition } from '../controls/types';
import { INCLUDED_EVENT_TYPES, advancedFilters, type AdvancedFilter } from './event-filter';

/**
 * The Azure Policy definition that onboards every subscription under a management group
 * (infra/management-group.bicep assigns it): DeployIfNotExists on each subscription, deploying the
 * same resources the per-subscription path does (infra/eventgrid.bicep + eventgrid-topic.bicep,
 * and role.bicep's assignment): a resource group, the Event Grid system topic on the subscription,
 * the event subscription to onResourceWrite, and the app identity's role assignment.
 *
 * DINE deployments embed ARM JSON, not Bicep, so the template is built here from the functions the
 * Bicep path loads its generated files from (advancedFilters, INCLUDED_EVENT_TYPES): the policy can
 * never filter differently from infra/eventgrid-topic.bicep. The role's actions are not in the
 * policy: it assigns the role whose id it is given, which management-group.bicep creates from
 * infra/generated/role-actions.json.
 */

/** Names shared with infra/eventgrid.bicep, so both paths converge on the same resources. */
export const EVENTS_RESOURCE_GROUP_PREFIX = 'rg-';
export const EVENTS_RESOURCE_GROUP_SUFFIX = '-events';
export const SYSTEM_TOPIC_PREFIX = 'evgt-tw-';
/** infra/eventgrid-topic.bicep's `toFunction` resource name. */
export const EVENT_SUBSCRIPTION_NAME = 'transit-warden-on-resource-write';
/** The function functions/onResourceWrite.ts registers. */
export const EVENT_FUNCTION_NAME = 'onResourceWrite';
/** Same delivery settings as infra/eventgrid-topic.bicep: 30 attempts over 24 h (DESIGN). */
export const RETRY_POLICY = Object.freeze({ maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 1440 });

export const EVENT_GRID_API_VERSION = '2025-02-15';
const RESOURCE_GROUP_API_VERSION = '2024-03-01';
const ROLE_ASSIGNMENT_API_VERSION = '2022-04-01';
const DEPLOYMENT_API_VERSION = '2022-09-01';

/**
 * Role Based Access Control Administrator: lets the DINE deployment create the app identity's role
 * assignment. Granted by management-group.bicep with a condition that allows only that one role for
 * that one principal, so it cannot hand out anything else. The other roles the assignment identity
 * needs are custom ones management-group.bicep creates and appends to this list (their ids are not
 * known until then).
 */
export const RBAC_ADMINISTRATOR_ROLE = 'f58310d9-a9f6-439a-9e8d-f62e7b41a168';

/** The policy parameters the assignment sets, each passed on to the template under the same name. */
export const POLICY_TEMPLATE_PARAMETERS = [
  'environmentName',
  'location',
  'functionAppId',
  'principalId',
  'roleDefinitionId',
  'deadLetterStorageAccountId',
  'deadLetterContainerName',
  'eventGridIdentityId',
] as const;

const PARAMETER_DESCRIPTIONS: Record<(typeof POLICY_TEMPLATE_PARAMETERS)[number], string> = {
  environmentName: 'azd environment name of the transit-warden deployment; names the resource group (rg-<name>-events) and the system topic (evgt-tw-<name>), as infra/eventgrid.bicep does.',
  location: 'Region of the per-subscription resource group and of the deployment record (the system topic itself is global).',
  functionAppId: 'Resource id of the transit-warden Function App (output AZURE_FUNCTION_APP_ID of infra/main.bicep); events go to its onResourceWrite function.',
  principalId: 'Object (principal) id of the Function App\'s user-assigned identity (output TRANSIT_WARDEN_IDENTITY_PRINCIPAL_ID).',
  roleDefinitionId: 'Resource id of the transit-warden custom role (its actions are infra/generated/role-actions.json), assigned to principalId in each subscription.',
  deadLetterStorageAccountId: 'Storage account receiving dead-lettered events (output EVENT_GRID_DEAD_LETTER_STORAGE_ID).',
  deadLetterContainerName: 'Blob container for dead-lettered events (output EVENT_GRID_DEAD_LETTER_CONTAINER).',
  eventGridIdentityId: 'User-assigned identity Event Grid dead-letters with (output EVENT_GRID_IDENTITY_ID).',
};

/** An ARM template string is an expression when it starts with `[`; `[[` escapes a literal one. */
const literal = (value: string): string => (value.startsWith('[') ? `[${value}` : value);
const param = (name: string): string => `[parameters('${name}')]`;

function escapedFilters(filters: readonly AdvancedFilter[]): AdvancedFilter[] {
  return filters.map((filter) => ({ ...filter, values: filter.values.map(literal) }));
}

/** The resource-group template: the system topic and its event subscription (eventgrid-topic.bicep in ARM JSON). */
function topicTemplate(catalog: readonly ControlDefinition[]): Record<string, unknown> {
  const stringParams = ['systemTopicName', 'functionAppId', 'deadLetterStorageAccountId', 'deadLetterContainerName', 'eventGridIdentityId', 'templateLabel'];
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: {
      ...Object.fromEntries(stringParams.map((name) => [name, { type: 'string' }])),
      tags: { type: 'object' },
    },
    resources: [
      {
        type: 'Microsoft.EventGrid/systemTopics',
        apiVersion: EVENT_GRID_API_VERSION,
        name: param('systemTopicName'),
        location: 'global',
        tags: param('tags'),
        identity: {
          type: 'UserAssigned',
          userAssignedIdentities: { [param('eventGridIdentityId')]: {} },
        },
        properties: {
          source: '[subscription().id]',
          topicType: 'Microsoft.Resources.Subscriptions',
        },
      },
      {
        type: 'Microsoft.EventGrid/systemTopics/eventSubscriptions',
        apiVersion: EVENT_GRID_API_VERSION,
        name: `[format('{0}/{1}', parameters('systemTopicName'), '${EVENT_SUBSCRIPTION_NAME}')]`,
        dependsOn: ["[resourceId('Microsoft.EventGrid/systemTopics', parameters('systemTopicName'))]"],
        properties: {
          destination: {
            endpointType: 'AzureFunction',
            properties: {
              resourceId: `[format('{0}/functions/${EVENT_FUNCTION_NAME}', parameters('functionAppId'))]`,
              maxEventsPerBatch: 1,
              preferredBatchSizeInKilobytes: 64,
            },
          },
          eventDeliverySchema: 'EventGridSchema',
          filter: {
            includedEventTypes: INCLUDED_EVENT_TYPES.map(literal),
            advancedFilters: escapedFilters(advancedFilters(catalog)),
          },
          // The existence condition looks for this label: a new template (say a wider filter after
          // the catalog grew) carries a new label, so every subscription turns non-compliant until
          // a remediation task redeploys it.
          labels: [param('templateLabel')],
          retryPolicy: { ...RETRY_POLICY },
          deadLetterWithResourceIdentity: {
            identity: { type: 'UserAssigned', userAssignedIdentity: param('eventGridIdentityId') },
            deadLetterDestination: {
              endpointType: 'StorageBlob',
              properties: {
                resourceId: param('deadLetterStorageAccountId'),
                blobContainerName: param('deadLetterContainerName'),
              },
            },
          },
        },
      },
    ],
  };
}

/**
 * The subscription-scope template the DINE deployment runs: the events resource group, the role
 * assignment of the transit-warden role to the app identity at the subscription, and a nested
 * resource-group deployment of the topic template.
 */
export function onboardingTemplate(catalog: readonly ControlDefinition[]): Record<string, unknown> {
  return {
    $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: {
      ...Object.fromEntries(POLICY_TEMPLATE_PARAMETERS.map((name) => [name, { type: 'string' }])),
      templateLabel: { type: 'string' },
    },
    variables: {
      resourceGroupName: `[format('${EVENTS_RESOURCE_GROUP_PREFIX}{0}${EVENTS_RESOURCE_GROUP_SUFFIX}', parameters('environmentName'))]`,
      systemTopicName: `[format('${SYSTEM_TOPIC_PREFIX}{0}', parameters('environmentName'))]`,
      // The role may be given as a management-group or subscription id; the assignment names it
      // in the subscription, as role.bicep's does.
      roleDefinitionId: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', last(split(parameters('roleDefinitionId'), '/')))]",
      tags: { 'azd-env-name': param('environmentName'), app: 'transit-warden', 'transit-warden-onboarded-by': 'policy' },
    },
    resources: [
      {
        type: 'Microsoft.Resources/resourceGroups',
        apiVersion: RESOURCE_GROUP_API_VERSION,
        name: "[variables('resourceGroupName')]",
        location: param('location'),
        tags: "[variables('tags')]",
      },
      {
        type: 'Microsoft.Authorization/roleAssignments',
        apiVersion: ROLE_ASSIGNMENT_API_VERSION,
        name: "[guid(subscription().id, parameters('principalId'), variables('roleDefinitionId'))]",
        properties: {
          roleDefinitionId: "[variables('roleDefinitionId')]",
          principalId: param('principalId'),
          principalType: 'ServicePrincipal',
          description: "[format('transit-warden {0}: encryption-in-transit controls (onboarded by policy)', parameters('environmentName'))]",
        },
      },
      {
        type: 'Microsoft.Resources/deployments',
        apiVersion: DEPLOYMENT_API_VERSION,
        // Unique per policy deployment, as the DINE docs ask, so concurrent evaluations do not contend.
        name: "[format('transit-warden-events-{0}', uniqueString(deployment().name))]",
        resourceGroup: "[variables('resourceGroupName')]",
        dependsOn: ["[subscriptionResourceId('Microsoft.Resources/resourceGroups', variables('resourceGroupName'))]"],
        properties: {
          mode: 'Incremental',
          expressionEvaluationOptions: { scope: 'inner' },
          parameters: {
            systemTopicName: { value: "[variables('systemTopicName')]" },
            tags: { value: "[variables('tags')]" },
            ...Object.fromEntries(['functionAppId', 'deadLetterStorageAccountId', 'deadLetterContainerName', 'eventGridIdentityId', 'templateLabel'].map((name) => [name, { value: param(name) }])),
          },
          template: topicTemplate(catalog),
        },
      },
    ],
  };
}

/** `transit-warden-<12 hex>`: changes whenever the template (and so the filter) does. */
export function templateLabel(template: unknown): string {
  return `transit-warden-${createHash('sha256').update(JSON.stringify(template)).digest('hex').slice(0, 12)}`;
}

const ALIAS = 'Microsoft.EventGrid/systemTopics/eventSubscriptions';

/** The `properties` of the policy definition (what `az policy definition create --rules/--params` split apart). */
export function onboardingPolicyDefinition(catalog: readonly ControlDefinition[]): Record<string, unknown> {
  const template = onboardingTemplate(catalog);
  const label = templateLabel(template);
  return {
    displayName: 'transit-warden: subscribe every subscription\'s resource writes to the transit-warden function',
    description: 'Deploys, in each subscription, the Event Grid system topic (Microsoft.Resources.Subscriptions), the event subscription delivering Microsoft.Resources.ResourceWriteSuccess to transit-warden\'s onResourceWrite function (filtered to the writes its controls handle), and the assignment of the transit-warden role to the app\'s identity. Generated by `npm run generate` from src/deploy/policy.ts; do not edit.',
    policyType: 'Custom',
    mode: 'All',
    metadata: { category: 'Event Grid', version: '1.0.0', templateLabel: label },
    parameters: {
      effect: {
        type: 'String',
        allowedValues: ['DeployIfNotExists', 'AuditIfNotExists', 'Disabled'],
        defaultValue: 'DeployIfNotExists',
        metadata: { displayName: 'Effect', description: 'DeployIfNotExists onboards; AuditIfNotExists only reports subscriptions that are not onboarded.' },
      },
      ...Object.fromEntries(POLICY_TEMPLATE_PARAMETERS.map((name) => [name, {
        type: 'String',
        metadata: { displayName: name, description: PARAMETER_DESCRIPTIONS[name], ...(name === 'location' ? { strongType: 'location' } : {}) },
      }])),
    },
    policyRule: {
      if: { field: 'type', equals: 'Microsoft.Resources/subscriptions' },
      then: {
        effect: "[parameters('effect')]",
        details: {
          type: ALIAS,
          name: `[concat('${SYSTEM_TOPIC_PREFIX}', parameters('environmentName'), '/${EVENT_SUBSCRIPTION_NAME}')]`,
          existenceScope: 'ResourceGroup',
          resourceGroupName: `[concat('${EVENTS_RESOURCE_GROUP_PREFIX}', parameters('environmentName'), '${EVENTS_RESOURCE_GROUP_SUFFIX}')]`,
          // Compliant only when the event subscription delivers to this app's function and was
          // deployed from this very template (its label).
          existenceCondition: {
            allOf: [
              {
                field: `${ALIAS}/destination.AzureFunction.resourceId`,
                equals: `[concat(parameters('functionAppId'), '/functions/${EVENT_FUNCTION_NAME}')]`,
              },
              {
                count: { field: `${ALIAS}/labels[*]`, where: { field: `${ALIAS}/labels[*]`, equals: label } },
                greater: 0,
              },
            ],
          },
          roleDefinitionIds: [`/providers/Microsoft.Authorization/roleDefinitions/${RBAC_ADMINISTRATOR_ROLE}`],
          deploymentScope: 'Subscription',
          deployment: {
            location: param('location'),
            properties: {
              mode: 'Incremental',
              template,
              parameters: {
                ...Object.fromEntries(POLICY_TEMPLATE_PARAMETERS.map((name) => [name, { value: param(name) }])),
                templateLabel: { value: label },
              },
            },
          },
        },
      },
    },
  };
}
