/** What the Container Apps control(s) share. ARM returns the type as `Microsoft.App/containerApps`. */
export const CONTAINER_APP_TYPE = 'Microsoft.App/containerApps';
/**
 * ContainerApps_Update is long-running: the client polls
 * …/providers/Microsoft.App/locations/{l}/containerappOperationResults/{id}, which ARM authorises separately.
 */
export const CONTAINER_APP_PERMISSIONS = [
  'Microsoft.App/containerApps/read',
  'Microsoft.App/containerApps/write',
  'Microsoft.App/locations/containerappOperationResults/read',
] as const;
