import { defineKind, oneOf, specIn } from '../facts';

const MANAGED_INSTANCES_2021_11_01 = 'specification/sql/resource-manager/Microsoft.Sql/stable/2021-11-01/ManagedInstances.json';
const spec = specIn(MANAGED_INSTANCES_2021_11_01, '2021-11-01');

/**
 * Azure SQL Managed Instances, read and written at the GA 2021-11-01 through @azure/arm-sql 10's
 * pipeline (the SDK's managedInstances operations send 2022-08-01-preview; the SQL server kind reads
 * and writes at the same GA version). ManagedInstances_Update's ManagedInstanceUpdate carries sku,
 * identity, tags and ManagedInstanceProperties. There minimalTlsVersion is a plain string whose
 * description allows 'None', '1.0', '1.1', '1.2' — no "1.3" (2023-08-01 still lists the same four).
 */
export const facts = defineKind({
  kind: 'sql-managed-instance',
  types: [
    {
      type: 'Microsoft.Sql/managedInstances',
      read: { operation: 'ManagedInstances_Get', apiVersion: '2021-11-01', spec: spec('ManagedInstances_Get') },
      // readOnly in ManagedInstance / ManagedInstanceProperties / ServicePrincipal (2021-11-01).
      readOnly: [
        'properties.provisioningState',
        'properties.fullyQualifiedDomainName',
        'properties.state',
        'properties.dnsZone',
        'properties.privateEndpointConnections',
        'properties.currentBackupStorageRedundancy',
        'properties.servicePrincipal.principalId',
        'properties.servicePrincipal.clientId',
        'properties.servicePrincipal.tenantId',
        'systemData',
      ],
      update: {
        operation: 'ManagedInstances_Update',
        method: 'PATCH',
        apiVersion: '2021-11-01',
        responses: [200, 202],
        // ManagedInstanceProperties less readOnly and create-only (x-ms-mutability without update:
        // managedInstanceCreateMode, administratorLogin, collation, dnsZonePartner,
        // sourceManagedInstanceId, restorePointInTime, timezoneId, requestedBackupStorageRedundancy,
        // keyId, administrators).
        writable: {
          'properties.administratorLoginPassword': 'string',
          'properties.subnetId': 'string',
          'properties.licenseType': oneOf('LicenseIncluded', 'BasePrice'),
          'properties.vCores': 'integer',
          'properties.storageSizeInGB': 'integer',
          'properties.publicDataEndpointEnabled': 'boolean',
          'properties.proxyOverride': oneOf('Proxy', 'Redirect', 'Default'),
          'properties.instancePoolId': 'string',
          'properties.maintenanceConfigurationId': 'string',
          // "Allowed values: 'None', '1.0', '1.1', '1.2'" (the schema types it string).
          'properties.minimalTlsVersion': oneOf('None', '1.0', '1.1', '1.2'),
          'properties.zoneRedundant': 'boolean',
          'properties.primaryUserAssignedIdentityId': 'string',
          'properties.servicePrincipal.type': oneOf('None', 'SystemAssigned'),
        },
        topLevel: ['sku', 'identity'],
        longRunning: {
          // x-ms-long-running-operation: true without x-ms-long-running-operation-options.
          finalStateVia: 'unspecified',
          // Recorded managed-instance update (azure-cli sql tests, test_sql_managed_instance_mgmt.yaml,
          // commit 4cd47028…, api 2020-11-01-preview): Azure-AsyncOperation
          // …/resourceGroups/{rg}/providers/Microsoft.Sql/locations/{l}/managedInstanceAzureAsyncOperation/{id},
          // no Location header. Like the servers' monitors, ARM authorises it with an action no custom
          // role can list, which is why the adapter never polls it.
          monitor: { status: 'managedInstanceAzureAsyncOperation', scope: 'resourceGroup' },
        },
        spec: spec('ManagedInstanceUpdate'),
      },
      // Microsoft.Sql api-versions whose folder holds ManagedInstances.json (those checked in the spec repository).
      apiVersions: ['2023-08-01', '2023-05-01-preview', '2022-08-01-preview', '2022-05-01-preview', '2021-11-01', '2021-02-01-preview', '2020-11-01-preview'],
    },
  ],
  actions: { read: ['Microsoft.Sql/managedInstances/read'], write: ['Microsoft.Sql/managedInstances/write'] },
});
