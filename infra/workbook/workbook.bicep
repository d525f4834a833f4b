// The transit-warden workbook: a portal view over the outcome lines the engine logs (src/engine/engine.ts
// log()). Those lines reach Application Insights as `traces` rows with the pino JSON in `message`;
// the queries live in transit-warden.workbook.json and parse it there.
//
// This module sits in infra/workbook/ beside its JSON rather than at infra/workbook.bicep, so the
// top-level template set that test/infra/bicep.test.ts pins stays as it is.
targetScope = 'resourceGroup'

param location string
param tags object
@description('Resource id of the Application Insights component: the workbook is listed under it and queries its traces table.')
param appInsightsId string

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  // Deterministic, so a redeployment updates this workbook instead of adding another one.
  name: guid(resourceGroup().id, appInsightsId, 'transit-warden-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'transit-warden outcomes'
    category: 'workbook'
    sourceId: appInsightsId
    version: 'Notebook/1.0'
    serializedData: loadTextContent('transit-warden.workbook.json')
  }
}

output workbookId string = workbook.id
