// A resource group in a watched subscription to hold its Event Grid system topic (system topics
// are resource-group resources even though their source is the whole subscription).
targetScope = 'subscription'

param name string
param location string
param tags object

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: name
  location: location
  tags: tags
}

output name string = group.name
