import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, DEFAULT_SWEEP_SCHEDULE, SETTINGS, SWEEP_SOURCES, settingsFromEnv } from '../../src/config';
import { catalog } from '../../src/controls';
import { INCLUDED_EVENT_TYPES, advancedFilters, filtersMatch, writeOperations, type AdvancedFilter } from '../../src/deploy/event-filter';
import { EVENT_FILTERS_FILE, ROLE_ACTIONS_FILE } from '../../src/deploy/generated-files';
import { roleActions } from '../../src/deploy/role';
import { SWEEP_QUEUE } from '../../src/handlers/drift-sweep';
import {
  INFRA,
  ROOT,
  appSettingNames,
  bicepFiles,
  block,
  loadJsonContentPaths,
  modulePaths,
  outputs,
  params,
  readInfra,
  stripComments,
  unusedParams,
} from './bicep-text';

const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const stripTsComments = (code: string): string => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as unknown;
const app = readInfra('app.bicep');
const main = readInfra('main.bicep');

describe('infra templates', () => {
  it('are the expected set, and every module they reference exists', () => {
    expect(bicepFiles()).toEqual(['app.bicep', 'eventgrid-topic.bicep', 'eventgrid.bicep', 'main.bicep', 'management-group.bicep', 'policy-endpoint-access.bicep', 'resource-group.bicep', 'role.bicep']);
    for (const file of bicepFiles()) {
      for (const module of modulePaths(file)) expect(() => statSync(module.resolved), `${file} -> ${module.literal}`).not.toThrow();
    }
  });

  it.each(bicepFiles())('%s uses every param it declares', (file) => {
    expect(unusedParams(readInfra(file))).toEqual([]);
  });

  it.each(bicepFiles())('%s contains none of the known-bad patterns', (file) => {
    const code = stripComments(readInfra(file));
    for (const bad of [CONTRIBUTOR, OWNER, 'listKeys(', 'AccountKey=', 'httpsOnly: false', 'allowSharedKeyAccess: true', "ftpsState: 'AllAllowed'"]) {
      expect(code.toLowerCase(), `${file} contains ${bad}`).not.toContain(bad.toLowerCase());
    }
    expect(code).not.toMatch(/(minTlsVersion|scmMinTlsVersion):\s*'1\.[01]'/);
    expect(code).not.toMatch(/minimumTlsVersion:\s*'TLS1_[01]'/);
    expect(code).not.toMatch(/actions:\s*\[\s*'\*'/);
  });
});

describe('main.parameters.json', () => {
  const declared = params(main);
  const mapped = Object.keys((readJson('infra/main.parameters.json') as { parameters: Record<string, unknown> }).parameters);

  it('maps only parameters main.bicep declares', () => {
    const names = new Set(declared.map((p) => p.name));
    expect(mapped.filter((name) => !names.has(name))).toEqual([]);
  });

  it('maps every main.bicep parameter that has no default', () => {
    expect(declared.filter((p) => !p.hasDefault && !mapped.includes(p.name)).map((p) => p.name)).toEqual([]);
  });

  it('starts a new environment in dry-run', () => {
    expect(main).toMatch(/param wardenMode string = 'dry-run'/);
    expect(readFileSync(join(INFRA, 'main.parameters.json'), 'utf8')).toContain('${TRANSIT_WARDEN_MODE=dry-run}');
  });
});

describe('the custom role', () => {
  const role = readInfra('role.bicep');

  it('loads its actions from the generated file, which holds exactly roleActions(catalog)', () => {
    expect(loadJsonContentPaths('role.bicep').map((p) => p.resolved)).toEqual([join(ROOT, ROLE_ACTIONS_FILE)]);
    expect(block(role, /permissions:\s*/)).toMatch(/actions:\s*loadJsonContent\('generated\/role-actions\.json'\)/);
    expect(readJson(ROLE_ACTIONS_FILE)).toEqual(roleActions(catalog));
  });

  it('is a subscription-scoped custom role assignable only in its subscription and assigned to the app identity', () => {
    expect(role).toMatch(/^targetScope = 'subscription'/m);
    expect(role).toMatch(/resource role 'Microsoft\.Authorization\/roleDefinitions@[0-9-]+' =/);
    expect(block(role, /assignableScopes:\s*/)).toMatch(/^\[\s*subscription\(\)\.id\s*\]$/);
    const assignment = block(role, /resource assignment 'Microsoft\.Authorization\/roleAssignments@[0-9-]+' =/);
    expect(assignment).toMatch(/roleDefinitionId:\s*role\.id/);
    expect(assignment).toMatch(/principalId:\s*principalId/);
    expect(assignment).toMatch(/principalType:\s*'ServicePrincipal'/);
  });

  it('is deployed to each target subscription from main.bicep, and no template grants a built-in ARM role', () => {
    expect(main).toMatch(/^targetScope = 'subscription'/m);
    const module = block(main, /module role 'role\.bicep' = \[for subscriptionId in targets:/);
    expect(module).toMatch(/scope:\s*subscription\(subscriptionId\)/);
    expect(module).toMatch(/principalId:\s*app\.outputs\.identityPrincipalId/);
    // Role assignments in app.bicep are data-plane or monitoring roles on the app's own resources.
    const scopes = [...stripComments(app).matchAll(/roleAssignments@[0-9-]+' = \{[\s\S]*?scope:\s*([\w:.]+)/g)].map((m) => m[1]);
    expect(scopes.every((s) => s.startsWith('storage') || s === 'appInsights' || s === 'vault')).toBe(true);
  });
});

describe('the function app', () => {
  const site = block(app, /resource functionApp 'Microsoft\.Web\/sites@[0-9-]+' =/);

  it('runs on Flex Consumption with Node 20 or 22 and a user-assigned identity', () => {
    expect(block(app, /resource plan 'Microsoft\.Web\/serverfarms@[0-9-]+' =/)).toMatch(/tier:\s*'FlexConsumption'\s*name:\s*'FC1'/);
    expect(site).toMatch(/runtime:\s*\{\s*name:\s*'node'\s*version:\s*nodeVersion\s*\}/);
    expect(block(main, /@allowed\(\s*/)).toBeDefined();
    expect(main).toMatch(/@allowed\(\[\s*'20'\s*'22'\s*\]\)\s*@description\([^)]*\)\s*param nodeVersion string/);
    expect(site).toMatch(/type:\s*'UserAssigned'/);
  });

  it('passes its own controls: HTTPS only, TLS 1.2 for the site and SCM, FTP disabled', () => {
    expect(site).toMatch(/httpsOnly:\s*true/);
    expect(site).toMatch(/minTlsVersion:\s*'1\.2'/);
    expect(site).toMatch(/scmMinTlsVersion:\s*'1\.2'/);
    expect(site).toMatch(/ftpsState:\s*'Disabled'/);
  });

  it('reaches AzureWebJobsStorage and its deployment container by identity, never by key', () => {
    const settings = appSettingNames(app);
    expect(settings).toEqual(expect.arrayContaining(['AzureWebJobsStorage__accountName', 'AzureWebJobsStorage__credential', 'AzureWebJobsStorage__clientId']));
    expect(settings).not.toContain('AzureWebJobsStorage');
    expect(site).toMatch(/name:\s*'AzureWebJobsStorage__credential'\s*value:\s*'managedidentity'/);
    expect(block(site, /authentication:\s*/)).toMatch(/type:\s*'UserAssignedIdentity'\s*userAssignedIdentityResourceId:\s*identity\.id/);
  });

  it('sets the app settings the runtime reads, and only ones it reads', () => {
    const settings = appSettingNames(app);
    expect(settings).toEqual(expect.arrayContaining([
      'AZURE_CLIENT_ID', 'TRANSIT_WARDEN_MODE', 'TRANSIT_WARDEN_CONTROL_MODES', 'TRANSIT_WARDEN_ALLOWED_SUBSCRIPTIONS',
      'TRANSIT_WARDEN_OWN_IDENTITIES', 'TRANSIT_WARDEN_SWEEP_SCHEDULE', 'TRANSIT_WARDEN_SWEEP_SOURCE', 'TRANSIT_WARDEN_AUDIT_TABLE_URL', 'TRANSIT_WARDEN_ALLOW_RESTARTS',
    ]));
    const source = ['src/config.ts', 'src/runtime.ts', 'src/logger.ts', 'src/notify/index.ts'].map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');
    for (const name of settings.filter((s) => s.startsWith('TRANSIT_WARDEN_'))) expect(source, name).toContain(name);
    expect(site).toMatch(/name:\s*'AZURE_CLIENT_ID'\s*value:\s*identity\.properties\.clientId/);
  });

  it('lets a deployment set every setting the code reads (Bicep app setting, main.bicep parameter, azd env mapping)', () => {
    const source = ['src/config.ts', 'src/runtime.ts', 'src/logger.ts', 'src/notify/index.ts', 'functions/driftSweep.ts']
      .map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');
    const read = [...new Set(source.match(/TRANSIT_WARDEN_[A-Z_]+/g) ?? [])];
    // Set by the deployment itself, not by the person deploying; the JSONL file is for local runs.
    const derived = ['TRANSIT_WARDEN_ALLOWED_SUBSCRIPTIONS', 'TRANSIT_WARDEN_OWN_IDENTITIES', 'TRANSIT_WARDEN_AUDIT_TABLE_URL', 'TRANSIT_WARDEN_AUDIT_KEY', 'TRANSIT_WARDEN_LEASE_TABLE_URL'];
    const parameters = readFileSync(join(ROOT, 'infra/main.parameters.json'), 'utf8');
    const localOnly = ['TRANSIT_WARDEN_AUDIT_FILE'];
    // azd environment names that only infra/main.parameters.json reads; src/config.ts lists them so
    // that a local host started from a shell carrying them does not refuse them as unknown settings.
    const deploymentOnly = ['TRANSIT_WARDEN_TARGET_SUBSCRIPTIONS', 'TRANSIT_WARDEN_NODE_VERSION'];
    for (const name of deploymentOnly) expect(parameters, `main.parameters.json maps ${name}`).toContain(`\${${name}=`);
    // main.bicep's outputs, which azd stores in the environment; listed for the same reason.
    const azdOutputs = ['TRANSIT_WARDEN_TARGET_SUBSCRIPTION_IDS', 'TRANSIT_WARDEN_IDENTITY_PRINCIPAL_ID', 'TRANSIT_WARDEN_AUDIT_KEY_SECRET_NAME'];
    expect(outputs(main)).toEqual(expect.arrayContaining(azdOutputs));
    deploymentOnly.push(...azdOutputs);
    expect(read.length).toBeGreaterThan(10);
    for (const name of read.filter((n) => !localOnly.includes(n) && !deploymentOnly.includes(n))) {
      expect(appSettingNames(app), name).toContain(name);
      if (derived.includes(name)) continue;
      expect(main, `main.bicep describes a parameter for ${name}`).toMatch(new RegExp(`@description\\('${name}\\b`));
      expect(parameters, `main.parameters.json maps ${name}`).toContain(`\${${name}=`);
    }
  });

  // A local host started from a shell that loaded the azd environment (`azd env get-values`) sees
  // every name of it: the parameters' inputs and main.bicep's outputs must not stop the app.
  it('accepts every TRANSIT_WARDEN_* name of the azd environment: the parameters it maps and main.bicep\'s outputs', () => {
    const parameters = readFileSync(join(ROOT, 'infra/main.parameters.json'), 'utf8');
    const names = new Set([
      ...[...parameters.matchAll(/\$\{(TRANSIT_WARDEN_[A-Z0-9_]+)=/g)].map((m) => m[1]),
      ...outputs(main).filter((name) => name.startsWith('TRANSIT_WARDEN_')),
    ]);
    expect(names.size).toBeGreaterThan(10);
    expect(() => settingsFromEnv(Object.fromEntries([...names].map((name) => [name, ''])))).not.toThrow();
  });

  // The app refuses TRANSIT_WARDEN_* names it does not read (a typo must not pass silently), so
  // every one the deployment sets must be a setting src/config.ts knows, or the app would not start.
  it('sets only TRANSIT_WARDEN_* app settings that the app reads', () => {
    const set = appSettingNames(app).filter((name) => name.startsWith('TRANSIT_WARDEN_'));
    expect(set.length).toBeGreaterThan(10);
    for (const name of set) expect(Object.values(SETTINGS), name).toContain(name);
    const env = Object.fromEntries(set.map((name) => [name, '']));
    expect(() => settingsFromEnv(env)).not.toThrow();
  });

  it('offers exactly the sweep sources the runtime accepts, defaulting as the runtime does', () => {
    const allowed = /@allowed\(\[([^\]]*)\]\)\s*@description\('(?:[^'\\]|\\.)*'\)\s*param sweepSource string = '([a-z]+)'/.exec(main);
    expect(allowed).not.toBeNull();
    expect([...(allowed?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1])).toEqual([...SWEEP_SOURCES]);
    expect(allowed?.[2]).toBe(DEFAULT_CONFIG.sweepSource);
  });

  it('defaults the sweep schedule as the timer registration does', () => {
    expect(main).toContain(`param sweepSchedule string = '${DEFAULT_SWEEP_SCHEDULE}'`);
    expect(readFileSync(join(ROOT, 'infra/main.parameters.json'), 'utf8')).toContain(`\${TRANSIT_WARDEN_SWEEP_SCHEDULE=${DEFAULT_SWEEP_SCHEDULE}}`);
  });

  it('creates the sweep queue the handlers use', () => {
    expect(app).toContain(`var sweepQueueName = '${SWEEP_QUEUE}'`);
  });
});

describe('storage', () => {
  const storage = block(app, /resource storage 'Microsoft\.Storage\/storageAccounts@[0-9-]+' =/);

  it('refuses plain HTTP, TLS below 1.2 and Shared Key', () => {
    expect(storage).toMatch(/minimumTlsVersion:\s*'TLS1_2'/);
    expect(storage).toMatch(/supportsHttpsTrafficOnly:\s*true/);
    expect(storage).toMatch(/allowSharedKeyAccess:\s*false/);
    expect(storage).toMatch(/allowBlobPublicAccess:\s*false/);
  });

  it('holds the audit table, granted to the app identity on that table only as a custom role that reads and adds entities (no update, no delete)', () => {
    expect(storage).toMatch(/resource auditTable 'tables'/);
    const grant = block(app, /resource auditTableAccess 'Microsoft\.Authorization\/roleAssignments@[0-9-]+' =/);
    expect(grant).toMatch(/scope:\s*storage::tableServices::auditTable/);
    expect(grant).toMatch(/roleDefinitionId:\s*auditAppendRole\.id/);
    expect(grant).toMatch(/principalId:\s*identity\.properties\.principalId/);
    const role = block(app, /resource auditAppendRole 'Microsoft\.Authorization\/roleDefinitions@[0-9-]+' =/);
    expect(role).toMatch(/type:\s*'CustomRole'/);
    expect(block(role, /assignableScopes:\s*/)).toMatch(/^\[\s*resourceGroup\(\)\.id\s*\]$/);
    expect(block(role, /dataActions:\s*/)).toMatch(/^\[\s*'Microsoft\.Storage\/storageAccounts\/tableServices\/tables\/entities\/read'\s*'Microsoft\.Storage\/storageAccounts\/tableServices\/tables\/entities\/add\/action'\s*\]$/);
    expect(block(role, /[^a-zA-Z]actions:\s*/)).toMatch(/^\[\s*\]$/);
    // No built-in table role (Storage Table Data Contributor can update and delete), no wildcard.
    expect(stripComments(app)).not.toContain('0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3');
    expect(role).not.toMatch(/\*|entities\/(write|delete|update)/);
    expect(site()).toMatch(/name:\s*'TRANSIT_WARDEN_AUDIT_TABLE_URL'\s*value:\s*'\$\{storage\.properties\.primaryEndpoints\.table\}\$\{auditTableName\}'/);
  });

  it('has the table store write with inserts only, which the add-only role allows (no upsert, update, delete)', () => {
    const store = stripTsComments(readFileSync(join(ROOT, 'src/audit/table-store.ts'), 'utf8'));
    expect(store).toMatch(/\.createEntity\(/);
    expect(store).toMatch(/\.submitTransaction\(/);
    expect(store).not.toMatch(/\.(upsertEntity|updateEntity|deleteEntity|deleteTable)\(/);
    const actions = [...store.matchAll(/actions\.push\(\[\s*'(\w+)'/g)].map((m) => m[1]);
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['create']));
    // Creating the table needs more than add: the app is told not to (the table is deployed).
    expect(readFileSync(join(ROOT, 'src/runtime.ts'), 'utf8')).toMatch(/TableAuditStore\.fromUrl\([^)]*createTable:\s*false/);
  });

  it('keeps the audit key in a Key Vault that the app reads by reference with its identity', () => {
    const vault = block(app, /resource vault 'Microsoft\.KeyVault\/vaults@[0-9-]+' =/);
    expect(vault).toMatch(/enableRbacAuthorization:\s*true/);
    expect(vault).toMatch(/enablePurgeProtection:\s*true/);
    expect(site()).toMatch(/keyVaultReferenceIdentity:\s*identity\.id/);
    expect(site()).toMatch(/name:\s*'TRANSIT_WARDEN_AUDIT_KEY'\s*value:\s*'@Microsoft\.KeyVault\(VaultName=\$\{vault\.name\};SecretName=\$\{auditKeySecretName\}\)'/);
    const read = block(app, /resource auditKeyAccess 'Microsoft\.Authorization\/roleAssignments@[0-9-]+' =/);
    expect(read).toMatch(/scope:\s*vault/);
    expect(read).toMatch(/keyVaultSecretsUser/);
    expect(read).toMatch(/principalId:\s*identity\.properties\.principalId/);
    expect(app).toContain("var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'");
    // The secret's value is never in a template: the postprovision hook creates it.
    expect(stripComments(app)).not.toMatch(/Microsoft\.KeyVault\/vaults\/secrets/);
  });

  it('holds the lease table apart from the audit table, granted to the app identity on that table alone', () => {
    expect(storage).toMatch(/resource leaseTable 'tables'\s*=\s*\{\s*name:\s*leaseTableName/);
    const grant = block(app, /resource leaseTableAccess 'Microsoft\.Authorization\/roleAssignments@[0-9-]+' =/);
    expect(grant).toMatch(/scope:\s*storage::tableServices::leaseTable/);
    expect(grant).toMatch(/principalId:\s*identity\.properties\.principalId/);
    expect(grant).toMatch(/roleDefinitionId:\s*leaseRole\.id/);
    // What the lease and intent stores call: read, insert, replace with If-Match, delete; no upsert
    // (entities/write), no table creation (the table is deployed), no wildcard.
    const role = block(app, /resource leaseRole 'Microsoft\.Authorization\/roleDefinitions@[0-9-]+' =/);
    const dataActions = [...block(role, /dataActions:\s*/).matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(new Set(dataActions)).toEqual(new Set(['read', 'add/action', 'update/action', 'delete'].map((a) => `Microsoft.Storage/storageAccounts/tableServices/tables/entities/${a}`)));
    const stores = stripTsComments(readFileSync(join(ROOT, 'src/coordination/table.ts'), 'utf8'));
    expect(stores).not.toMatch(/\.(upsertEntity|deleteTable)\(/);
    expect(readFileSync(join(ROOT, 'src/runtime.ts'), 'utf8')).toMatch(/tableCoordinationFromUrl\([^)]*createTable:\s*false/);
    expect(site()).toMatch(/name:\s*'TRANSIT_WARDEN_LEASE_TABLE_URL'\s*value:\s*'\$\{storage\.properties\.primaryEndpoints\.table\}\$\{leaseTableName\}'/);
  });

  it('holds a dead-letter container that only the Event Grid identity may write to', () => {
    expect(storage).toMatch(/resource deadLetterContainer 'containers'/);
    const grant = block(app, /resource deadLetterAccess 'Microsoft\.Authorization\/roleAssignments@[0-9-]+' =/);
    expect(grant).toMatch(/scope:\s*storage::blobServices::deadLetterContainer/);
    expect(grant).toMatch(/principalId:\s*eventGridIdentity\.properties\.principalId/);
  });

  function site(): string {
    return block(app, /resource functionApp 'Microsoft\.Web\/sites@[0-9-]+' =/);
  }
});

describe('monitoring', () => {
  it('sends telemetry to Application Insights on a Log Analytics workspace, by identity', () => {
    expect(app).toMatch(/resource logAnalytics 'Microsoft\.OperationalInsights\/workspaces@/);
    const insights = block(app, /resource appInsights 'Microsoft\.Insights\/components@[0-9-]+' =/);
    expect(insights).toMatch(/WorkspaceResourceId:\s*logAnalytics\.id/);
    expect(insights).toMatch(/DisableLocalAuth:\s*true/);
    expect(appSettingNames(app)).toContain('APPLICATIONINSIGHTS_AUTHENTICATION_STRING');
  });
});

describe('the Event Grid subscription', () => {
  const topic = readInfra('eventgrid-topic.bicep');
  const subscription = block(topic, /resource toFunction 'Microsoft\.EventGrid\/systemTopics\/eventSubscriptions@[0-9-]+' =/);

  it('loads its advanced filters from the generated file, which equals advancedFilters(catalog)', () => {
    expect(loadJsonContentPaths('eventgrid-topic.bicep').map((p) => p.resolved)).toEqual([join(ROOT, EVENT_FILTERS_FILE)]);
    expect(subscription).toMatch(/advancedFilters:\s*loadJsonContent\('generated\/event-filters\.json'\)/);
    expect(readJson(EVENT_FILTERS_FILE)).toEqual(advancedFilters(catalog));
  });

  it('lets through every write operation the catalog handles', () => {
    const filters = readJson(EVENT_FILTERS_FILE) as AdvancedFilter[];
    const missed = writeOperations(catalog).filter((op) => !filtersMatch(filters, op));
    expect(missed).toEqual([]);
  });

  it('listens to a subscription-wide system topic for successful resource writes only', () => {
    const systemTopic = block(topic, /resource topic 'Microsoft\.EventGrid\/systemTopics@[0-9-]+' =/);
    expect(systemTopic).toMatch(/location:\s*'global'/);
    expect(systemTopic).toMatch(/topicType:\s*'Microsoft\.Resources\.Subscriptions'/);
    expect(systemTopic).toMatch(/source:\s*subscription\(\)\.id/);
    expect(block(subscription, /includedEventTypes:\s*/)).toMatch(/^\[\s*'Microsoft\.Resources\.ResourceWriteSuccess'\s*\]$/);
    expect([...block(subscription, /includedEventTypes:\s*/).matchAll(/'([^']+)'/g)].map((m) => m[1])).toEqual([...INCLUDED_EVENT_TYPES]);
  });

  it('delivers to the onResourceWrite function that functions/ registers', () => {
    expect(subscription).toMatch(/endpointType:\s*'AzureFunction'/);
    expect(subscription).toMatch(/resourceId:\s*'\$\{functionAppId\}\/functions\/onResourceWrite'/);
    expect(readFileSync(join(ROOT, 'functions/onResourceWrite.ts'), 'utf8')).toMatch(/app\.eventGrid\('onResourceWrite'/);
  });

  it('retries for 24 hours, then dead-letters to blob storage with its own identity', () => {
    expect(block(subscription, /retryPolicy:\s*/)).toMatch(/maxDeliveryAttempts:\s*30\s*eventTimeToLiveInMinutes:\s*1440/);
    const deadLetter = block(subscription, /deadLetterWithResourceIdentity:\s*/);
    expect(deadLetter).toMatch(/type:\s*'UserAssigned'\s*userAssignedIdentity:\s*eventGridIdentityId/);
    expect(deadLetter).toMatch(/endpointType:\s*'StorageBlob'/);
    expect(deadLetter).toMatch(/blobContainerName:\s*deadLetterContainerName/);
  });

  it('is created per target subscription by eventgrid.bicep', () => {
    const eventgrid = readInfra('eventgrid.bicep');
    expect(eventgrid).toMatch(/^targetScope = 'subscription'/m);
    expect(block(eventgrid, /module topics 'eventgrid-topic\.bicep' = \[for \(subscriptionId, i\) in targets:/)).toMatch(/scope:\s*resourceGroup\(subscriptionId, eventsResourceGroupName\)/);
  });
});

describe('azd wiring', () => {
  const azureYaml = readFileSync(join(ROOT, 'azure.yaml'), 'utf8');
  const hook = readFileSync(join(ROOT, 'scripts/postdeploy.sh'), 'utf8');

  it('declares the app service as a JavaScript function app built from the repository root', () => {
    expect(azureYaml).toMatch(/^services:\n {2}app:\n {4}project: \.\n {4}language: js\n {4}host: function\n/m);
  });

  it('names a postdeploy hook whose script exists and is executable', () => {
    const run = /^hooks:\n {2}postdeploy:\n(?: {4}.*\n)*? {6}run: (\S+)/m.exec(azureYaml);
    expect(run?.[1]).toBe('./scripts/postdeploy.sh');
    const mode = statSync(join(ROOT, 'scripts/postdeploy.sh')).mode;
    expect(mode & 0o111).not.toBe(0);
    expect(hook.startsWith('#!/bin/sh\n')).toBe(true);
  });

  it('has the hook deploy eventgrid.bicep at subscription scope with every parameter it declares', () => {
    expect(hook).toMatch(/az deployment sub create/);
    expect(hook).toMatch(/--template-file infra\/eventgrid\.bicep/);
    const passed = [...hook.matchAll(/^\s+(\w+)="\$\w+"/gm)].map((m) => m[1]).sort();
    expect(passed).toEqual(params(readInfra('eventgrid.bicep')).map((p) => p.name).sort());
  });

  it('has a postprovision hook that creates the audit key only when the secret is absent, never printing it', () => {
    const run = /^ {2}postprovision:\n(?: {4}.*\n)*? {6}run: (\S+)/m.exec(azureYaml);
    expect(run?.[1]).toBe('./scripts/postprovision.sh');
    const script = readFileSync(join(ROOT, 'scripts/postprovision.sh'), 'utf8');
    expect(statSync(join(ROOT, 'scripts/postprovision.sh')).mode & 0o111).not.toBe(0);
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(script).toMatch(/\*SecretNotFound\*\) ;;/);
    expect(script).toMatch(/az keyvault secret set [^\n]*--file "\$key_file"/);
    expect(script).not.toMatch(/--value/);
    expect(outputs(main)).toEqual(expect.arrayContaining(['AZURE_KEY_VAULT_NAME', 'TRANSIT_WARDEN_AUDIT_KEY_SECRET_NAME']));
    const provided = new Set([...outputs(main), 'AZURE_ENV_NAME', 'AZURE_SUBSCRIPTION_ID', 'AZURE_LOCATION']);
    const read = [...script.matchAll(/\$\(value (\w+)\)/g)].map((m) => m[1]);
    expect(read.filter((name) => !provided.has(name))).toEqual([]);
  });

  it('has the hook read only values azd or main.bicep outputs provide', () => {
    const provided = new Set([...outputs(main), 'AZURE_ENV_NAME', 'AZURE_SUBSCRIPTION_ID', 'AZURE_LOCATION']);
    const read = [...hook.matchAll(/\$\(value (\w+)\)/g)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((name) => !provided.has(name))).toEqual([]);
  });
});
