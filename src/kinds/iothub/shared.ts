/** The IoT Hub type, as ARM returns it in `type` (and the spec's paths spell it). */
export const IOTHUB_TYPE = 'Microsoft.Devices/IotHubs';
/** Report only: reading the hub is all the control needs. */
export const IOTHUB_PERMISSIONS = ['Microsoft.Devices/IotHubs/read'] as const;
