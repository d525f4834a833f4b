/** What the storage account controls share. */
export const STORAGE_ACCOUNT_TYPE = 'Microsoft.Storage/storageAccounts';
export const STORAGE_PERMISSIONS = ['Microsoft.Storage/storageAccounts/read', 'Microsoft.Storage/storageAccounts/write'] as const;
/** An account's file service (always named `default`), a child resource of the account. */
export const FILE_SERVICES_TYPE = 'Microsoft.Storage/storageAccounts/fileServices';
/** Report only: reading the file service is all storage-smb-secure needs. */
export const FILE_SERVICES_PERMISSIONS = ['Microsoft.Storage/storageAccounts/fileServices/read'] as const;
