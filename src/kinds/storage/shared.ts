/** What the storage account controls share. */
export const STORAGE_ACCOUNT_TYPE = 'Microsoft.Storage/storageAccounts';
export const STORAGE_PERMISSIONS = ['Microsoft.Storage/storageAccounts/read', 'Microsoft.Storage/storageAccounts/write'] as const;
