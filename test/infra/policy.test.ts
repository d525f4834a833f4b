import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/controls';
import { INCLUDED_EVENT_TYPES, advancedFilters } from '../../src/deploy/event-filter';
import { EVENT_FILTERS_FILE, ONBOARDING_POLICY_FILE, ROLE_ACTIONS_FILE, generatedFiles } from '../../src/deploy/generated-files';
import {
  EVENT_FUNCTION_NAME,
  EVENT_SUBSCRIPTION_NAME,
  POLICY_TEMPLATE_PARAMETERS,
  RBAC_ADMINISTRATOR_ROLE,
  RETRY_POLICY,
  onboardingPolicyDefinition,
  onboardingTemplate,
  templateLabel,
} from '../../src/deploy/policy';
import { roleActions } from '../../src/deploy/role';
import { fakeCatalog } from '../deploy/fixtures';
import { ROOT, block, loadJsonContentPaths, modulePaths, params, readInfra, stripComments } from './bicep-text';

type Obj = Record<string, any>;

const committed = JSON.parse(readFileSync(join(ROOT, ONBOARDING_POLICY_FILE), 'utf8')) as Obj;
const details = committed.policyRule.then.details as Obj;
const template = details.deployment.properties.template as Obj;
const resource = (tpl: Obj, type: string): Obj => {
  const found = (tpl.resources as Obj[]).filter((r) => r.type === type);
  expect(found, type).toHaveLength(1);
  return found[0];
};
const nested = resource(template, 'Microsoft.Resources/deployments');
const topicTemplate = nested.properties.template as Obj;
const eventSubscription = resource(topicTemplate, 'Microsoft.EventGrid/systemTopics/eventSubscriptions');
const systemTopic = resource(topicTemplate, 'Microsoft.EventGrid/systemTopics');
const bicepTopic = readInfra('eventgrid-topic.bicep');
const bicepSubscription = block(bicepTopic, /resource toFunction 'Microsoft\.EventGrid\/systemTopics\/eventSubscriptions@[0-9-]+' =/);
const mg = readInfra('management-group.bicep');
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as unknown;

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}

describe('the onboarding policy definition (generated)', () => {
  it('is one of the generated files, so the "generated files are current" test covers it', () => {
    const file = generatedFiles(catalog, (path) => readFileSync(join(ROOT, path), 'utf8')).find((f) => f.path === ONBOARDING_POLICY_FILE);
    expect(file).toBeDefined();
    expect(JSON.parse(file?.content ?? 'null')).toEqual(committed);
    expect(committed).toEqual(onboardingPolicyDefinition(catalog));
  });

  it('is derived from the catalog, not copied: another catalog yields another filter and another label', () => {
    const other = onboardingPolicyDefinition(fakeCatalog) as Obj;
    const otherTemplate = other.policyRule.then.details.deployment.properties.template as Obj;
    const otherSubscription = resource(resource(otherTemplate, 'Microsoft.Resources/deployments').properties.template as Obj, 'Microsoft.EventGrid/systemTopics/eventSubscriptions');
    expect(otherSubscription.properties.filter.advancedFilters).toEqual(advancedFilters(fakeCatalog));
    expect(otherSubscription.properties.filter.advancedFilters).not.toEqual(eventSubscription.properties.filter.advancedFilters);
    expect(other.metadata.templateLabel).not.toBe(committed.metadata.templateLabel);
  });

  it('is DeployIfNotExists on subscriptions, deploying at subscription scope with a location', () => {
    expect(committed.mode).toBe('All');
    expect(committed.policyRule.if).toEqual({ field: 'type', equals: 'Microsoft.Resources/subscriptions' });
    expect(committed.policyRule.then.effect).toBe("[parameters('effect')]");
    expect(committed.parameters.effect.defaultValue).toBe('DeployIfNotExists');
    expect(committed.parameters.effect.allowedValues).toContain('DeployIfNotExists');
    expect(details.deploymentScope).toBe('Subscription');
    expect(details.deployment.location).toBe("[parameters('location')]");
    expect(details.deployment.properties.mode).toBe('Incremental');
    expect(template.$schema).toMatch(/\/subscriptionDeploymentTemplate\.json#$/);
  });

  it('names the roles its deployment needs (the rest are appended by management-group.bicep)', () => {
    expect(details.roleDefinitionIds).toEqual([`/providers/Microsoft.Authorization/roleDefinitions/${RBAC_ADMINISTRATOR_ROLE}`]);
    expect(stripComments(mg)).toMatch(/roleDefinitionIds:\s*concat\(definition\.policyRule\.then\.details\.roleDefinitionIds,\s*\[\s*onboardingRole\.id\s*\]\)/);
  });

  it('takes the function app, its identity, the role and the dead-letter target as parameters, and passes each to the template', () => {
    const declared = Object.keys(committed.parameters);
    expect(declared).toEqual(['effect', ...POLICY_TEMPLATE_PARAMETERS]);
    expect(declared).toEqual(expect.arrayContaining(['functionAppId', 'principalId', 'roleDefinitionId', 'eventGridIdentityId', 'deadLetterStorageAccountId', 'location']));
    const passed = details.deployment.properties.parameters as Obj;
    expect(Object.keys(passed).sort()).toEqual(Object.keys(template.parameters as Obj).sort());
    for (const name of POLICY_TEMPLATE_PARAMETERS) expect(passed[name], name).toEqual({ value: `[parameters('${name}')]` });
    // Every template parameter is used somewhere in the template body.
    const body = JSON.stringify({ variables: template.variables, resources: template.resources });
    for (const name of Object.keys(template.parameters as Obj)) expect(body, name).toContain(`parameters('${name}')`);
  });

  it('filters exactly as infra/eventgrid-topic.bicep does: the same included event types and the same generated advanced filters', () => {
    expect(eventSubscription.properties.filter.includedEventTypes).toEqual([...INCLUDED_EVENT_TYPES]);
    expect([...block(bicepSubscription, /includedEventTypes:\s*/).matchAll(/'([^']+)'/g)].map((m) => m[1])).toEqual(eventSubscription.properties.filter.includedEventTypes);
    // The Bicep path loads EVENT_FILTERS_FILE; the policy embeds the same value.
    expect(loadJsonContentPaths('eventgrid-topic.bicep').map((p) => p.resolved)).toEqual([join(ROOT, EVENT_FILTERS_FILE)]);
    expect(eventSubscription.properties.filter.advancedFilters).toEqual(readJson(EVENT_FILTERS_FILE));
    expect(eventSubscription.properties.filter.advancedFilters).toEqual(advancedFilters(catalog));
  });

  it('delivers as infra/eventgrid-topic.bicep does: to onResourceWrite, one event per batch, the same retries and dead-lettering', () => {
    const destination = eventSubscription.properties.destination as Obj;
    expect(destination.endpointType).toBe('AzureFunction');
    expect(destination.properties.resourceId).toBe(`[format('{0}/functions/${EVENT_FUNCTION_NAME}', parameters('functionAppId'))]`);
    expect(bicepSubscription).toContain(`resourceId: '\${functionAppId}/functions/${EVENT_FUNCTION_NAME}'`);
    expect(bicepSubscription).toMatch(new RegExp(`maxEventsPerBatch:\\s*${destination.properties.maxEventsPerBatch}\\s*preferredBatchSizeInKilobytes:\\s*${destination.properties.preferredBatchSizeInKilobytes}`));
    expect(eventSubscription.properties.retryPolicy).toEqual(RETRY_POLICY);
    expect(block(bicepSubscription, /retryPolicy:\s*/)).toMatch(new RegExp(`maxDeliveryAttempts:\\s*${RETRY_POLICY.maxDeliveryAttempts}\\s*eventTimeToLiveInMinutes:\\s*${RETRY_POLICY.eventTimeToLiveInMinutes}`));
    expect(eventSubscription.properties.eventDeliverySchema).toBe('EventGridSchema');
    const deadLetter = eventSubscription.properties.deadLetterWithResourceIdentity as Obj;
    expect(deadLetter.identity).toEqual({ type: 'UserAssigned', userAssignedIdentity: "[parameters('eventGridIdentityId')]" });
    expect(deadLetter.deadLetterDestination.endpointType).toBe('StorageBlob');
    expect(bicepTopic).toMatch(new RegExp(`resource toFunction [^\\n]*=\\s*\\{\\s*parent:\\s*topic\\s*name:\\s*'${EVENT_SUBSCRIPTION_NAME}'`));
  });

  it('creates a global Microsoft.Resources.Subscriptions system topic on the subscription, named as infra/eventgrid.bicep names it', () => {
    expect(systemTopic.location).toBe('global');
    expect(systemTopic.properties).toEqual({ source: '[subscription().id]', topicType: 'Microsoft.Resources.Subscriptions' });
    expect(systemTopic.identity.type).toBe('UserAssigned');
    const eventgrid = stripComments(readInfra('eventgrid.bicep'));
    expect(eventgrid).toContain("systemTopicName: 'evgt-tw-${environmentName}'");
    expect(eventgrid).toContain("var eventsResourceGroupName = 'rg-${environmentName}-events'");
    expect(template.variables.systemTopicName).toBe("[format('evgt-tw-{0}', parameters('environmentName'))]");
    expect(template.variables.resourceGroupName).toBe("[format('rg-{0}-events', parameters('environmentName'))]");
    const group = resource(template, 'Microsoft.Resources/resourceGroups');
    expect(group.name).toBe("[variables('resourceGroupName')]");
    expect(nested.resourceGroup).toBe("[variables('resourceGroupName')]");
    expect(nested.dependsOn).toEqual(["[subscriptionResourceId('Microsoft.Resources/resourceGroups', variables('resourceGroupName'))]"]);
    expect(nested.properties.expressionEvaluationOptions).toEqual({ scope: 'inner' });
  });

  it('assigns the role it is given to the app identity at the subscription, as role.bicep does', () => {
    const assignment = resource(template, 'Microsoft.Authorization/roleAssignments');
    expect(assignment.properties.principalId).toBe("[parameters('principalId')]");
    expect(assignment.properties.principalType).toBe('ServicePrincipal');
    expect(assignment.properties.roleDefinitionId).toBe("[variables('roleDefinitionId')]");
    expect(template.variables.roleDefinitionId).toContain("parameters('roleDefinitionId')");
    expect(assignment.name).toBe("[guid(subscription().id, parameters('principalId'), variables('roleDefinitionId'))]");
  });

  it('counts a subscription as onboarded only when its event subscription targets this function and carries this template\'s label', () => {
    expect(details.type).toBe('Microsoft.EventGrid/systemTopics/eventSubscriptions');
    expect(details.name).toBe(`[concat('evgt-tw-', parameters('environmentName'), '/${EVENT_SUBSCRIPTION_NAME}')]`);
    expect(details.existenceScope).toBe('ResourceGroup');
    expect(details.resourceGroupName).toBe("[concat('rg-', parameters('environmentName'), '-events')]");
    const label = templateLabel(template);
    expect(committed.metadata.templateLabel).toBe(label);
    expect(details.deployment.properties.parameters.templateLabel).toEqual({ value: label });
    expect(eventSubscription.properties.labels).toEqual(["[parameters('templateLabel')]"]);
    const conditions = details.existenceCondition.allOf as Obj[];
    expect(conditions).toContainEqual({
      field: 'Microsoft.EventGrid/systemTopics/eventSubscriptions/destination.AzureFunction.resourceId',
      equals: `[concat(parameters('functionAppId'), '/functions/${EVENT_FUNCTION_NAME}')]`,
    });
    expect(conditions).toContainEqual({
      count: { field: 'Microsoft.EventGrid/systemTopics/eventSubscriptions/labels[*]', where: { field: 'Microsoft.EventGrid/systemTopics/eventSubscriptions/labels[*]', equals: label } },
      greater: 0,
    });
  });

  it('changes its label when the template changes, and keeps it when nothing does', () => {
    expect(templateLabel(onboardingTemplate(catalog))).toBe(templateLabel(onboardingTemplate(catalog)));
    const changed = structuredClone(onboardingTemplate(catalog));
    changed.contentVersion = '1.0.0.1';
    expect(templateLabel(changed)).not.toBe(templateLabel(onboardingTemplate(catalog)));
  });

  it('has well-formed ARM expressions and no literal that ARM would read as one', () => {
    for (const value of strings(template)) {
      if (value.startsWith('[') && !value.startsWith('[[')) expect(value, value).toMatch(/^\[.*\]$/s);
    }
    for (const filter of eventSubscription.properties.filter.advancedFilters as Obj[]) {
      for (const value of filter.values as string[]) expect(value.startsWith('[')).toBe(false);
    }
  });
});

describe('infra/management-group.bicep', () => {
  const code = stripComments(mg);

  it('is deployed at a management group and loads the generated definition and the generated role actions', () => {
    expect(mg).toMatch(/^targetScope = 'managementGroup'/m);
    expect(loadJsonContentPaths('management-group.bicep').map((p) => p.resolved).sort()).toEqual([join(ROOT, ONBOARDING_POLICY_FILE), join(ROOT, ROLE_ACTIONS_FILE)].sort());
    expect(code).toContain("var definition = loadJsonContent('generated/onboard-subscription.policy.json')");
  });

  it('creates the policy definition from the generated properties', () => {
    const policy = block(mg, /resource policy 'Microsoft\.Authorization\/policyDefinitions@[0-9-]+' =/);
    for (const key of ['description', 'policyType', 'mode', 'metadata', 'parameters']) expect(policy).toMatch(new RegExp(`${key}:\\s*definition\\.${key}\\b`));
    expect(policy).toMatch(/policyRule:\s*union\(definition\.policyRule,/);
  });

  it('assigns it at the management group with a system-assigned identity and a location, setting every parameter the definition declares', () => {
    const assignment = block(mg, /resource assignment 'Microsoft\.Authorization\/policyAssignments@[0-9-]+' =/);
    expect(assignment).not.toMatch(/^\{\s*scope:/m);
    expect(assignment).toMatch(/identity:\s*\{\s*type:\s*'SystemAssigned'\s*\}/);
    expect(assignment).toMatch(/location:\s*location/);
    expect(assignment).toMatch(/policyDefinitionId:\s*policy\.id/);
    const set = [...block(assignment, /parameters:\s*/).matchAll(/^\s*(\w+):\s*\{\s*value:/gm)].map((m) => m[1]);
    expect(set.sort()).toEqual(Object.keys(committed.parameters).sort());
    expect(assignment).toMatch(/roleDefinitionId:\s*\{\s*value:\s*appRole\.id\s*\}/);
    // Management-group assignment names are at most 24 characters: 'tw-onboard-' + 8.
    expect(assignment).toMatch(/name:\s*'tw-onboard-\$\{token\}'/);
    expect(code).toMatch(/var token = take\(uniqueString\(managementGroup\(\)\.id, environmentName\), 8\)/);
  });

  it('assigns exactly the catalog\'s role: a custom role whose actions are the generated role actions', () => {
    const role = block(mg, /resource appRole 'Microsoft\.Authorization\/roleDefinitions@[0-9-]+' =/);
    expect(block(role, /permissions:\s*/)).toMatch(/actions:\s*loadJsonContent\('generated\/role-actions\.json'\)/);
    expect(readJson(ROLE_ACTIONS_FILE)).toEqual(roleActions(catalog));
    expect(block(role, /assignableScopes:\s*/)).toMatch(/^\[\s*managementGroup\(\)\.id\s*\]$/);
  });

  it('gives the assignment identity the onboarding role and a role-assignment right limited to that role and that identity', () => {
    const onboarding = block(mg, /resource onboardingGrant 'Microsoft\.Authorization\/roleAssignments@[0-9-]+' =/);
    expect(onboarding).toMatch(/roleDefinitionId:\s*onboardingRole\.id/);
    expect(onboarding).toMatch(/principalId:\s*assignment\.identity\.principalId/);
    const rbac = block(mg, /resource roleAssignmentGrant 'Microsoft\.Authorization\/roleAssignments@[0-9-]+' =/);
    expect(code).toContain(`var rbacAdministrator = '${RBAC_ADMINISTRATOR_ROLE}'`);
    expect(rbac).toMatch(/principalId:\s*assignment\.identity\.principalId/);
    expect(rbac).toMatch(/conditionVersion:\s*'2\.0'/);
    const condition = /condition:\s*'((?:[^'\\]|\\.)*)'/.exec(rbac)?.[1] ?? '';
    expect(condition).toContain("@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${appRole.name}}");
    expect(condition).toContain('@Request[Microsoft.Authorization/roleAssignments:PrincipalId] ForAnyOfAnyValues:GuidEquals {${principalId}}');
    // Not User Access Administrator, no wildcard in the onboarding role.
    expect(code.toLowerCase()).not.toContain('18d7d88d-d35e-4fb5-a5c3-7773c6a72009');
    expect(block(mg, /resource onboardingRole 'Microsoft\.Authorization\/roleDefinitions@[0-9-]+' =/)).not.toContain('*');
  });

  it('lets the assignment identity use the app\'s function, dead-letter storage and identity, in the app\'s resource group only', () => {
    expect(modulePaths('management-group.bicep').map((m) => m.literal)).toEqual(['policy-endpoint-access.bicep']);
    expect(block(mg, /module endpointAccess 'policy-endpoint-access\.bicep' =/)).toMatch(/scope:\s*resourceGroup\(appSubscriptionId, appResourceGroupName\)/);
    const access = readInfra('policy-endpoint-access.bicep');
    expect(access).toMatch(/^targetScope = 'resourceGroup'/m);
    expect(block(access, /assignableScopes:\s*/)).toMatch(/^\[\s*resourceGroup\(\)\.id\s*\]$/);
    expect(block(access, /resource endpointRole [^=]*=/)).not.toContain('*');
    expect(params(access).map((p) => p.name).sort()).toEqual(['environmentName', 'principalId']);
  });

  it('outputs the assignment id the README\'s remediation command needs', () => {
    expect(code).toMatch(/^output policyAssignmentId string = assignment\.id/m);
  });
});

describe('README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it('documents onboarding a management group: the deployment at the group and a remediation task', () => {
    const section = /### Onboarding a management group by policy\n([\s\S]*?)(?=\n## |\n### )/.exec(readme)?.[1] ?? '';
    expect(section).toMatch(/az deployment mg create[^\n]*\\\n(?:[^\n]*\\\n)*[^\n]*--template-file infra\/management-group\.bicep/);
    expect(section).toMatch(/az policy remediation create/);
    expect(section).toMatch(/--resource-discovery-mode ReEvaluateCompliance/);
    // Every parameter without a default is passed in the documented command.
    for (const p of params(mg).filter((p) => !p.hasDefault)) expect(section, p.name).toContain(`${p.name}=`);
  });
});
