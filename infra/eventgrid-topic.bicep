// One watched subscription: its system topic and the event subscription to onResourceWrite.
targetScope = 'resourceGroup'

param systemTopicName string
param tags object
param functionAppId string
param deadLetterStorageAccountId string
param deadLetterContainerName string
param eventGridIdentityId string

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: systemTopicName
  // Subscription-level system topics are global.
  location: 'global'
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${eventGridIdentityId}': {}
    }
  }
  properties: {
    source: subscription().id
    topicType: 'Microsoft.Resources.Subscriptions'
  }
}

resource toFunction 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: 'transit-warden-on-resource-write'
  properties: {
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: '${functionAppId}/functions/onResourceWrite'
        // One event per invocation: each is re-read and audited on its own.
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Resources.ResourceWriteSuccess'
      ]
      // Only the writes the catalog handles (generated from src/controls, `npm run generate`): a
      // StringIn on data.operationName while it fits Event Grid's 25 filter values, else a
      // prefix + '/write' pair (see src/deploy/event-filter.ts).
      advancedFilters: loadJsonContent('generated/event-filters.json')
    }
    // Event Grid retries for 24 h when the function throws (DESIGN); then the event is dead-lettered.
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'UserAssigned'
        userAssignedIdentity: eventGridIdentityId
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: deadLetterStorageAccountId
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

output systemTopicId string = topic.id
