import { defineKind, specIn } from '../facts';

const IOTHUB_2023_06_30 = 'specification/iothub/resource-manager/Microsoft.Devices/stable/2023-06-30/iothub.json';
const iothubSpec = specIn(IOTHUB_2023_06_30, '2023-06-30');

/**
 * Azure IoT Hubs at 2023-06-30, the newest stable api-version, whose IotHubProperties has
 * `minTlsVersion` (a plain string, no enum: "Can be set to "1.2" to have clients that use a TLS
 * version below 1.2 to be rejected"). transit-warden only reports on it, so no write is stated here
 * and the emulator accepts none; what the spec offers, and why none of it is a fix:
 *
 * - IotHubResource_Update is a PATCH whose body is TagsResource (only `tags`), x-ms-long-running-operation
 *   without options, 200. It cannot carry minTlsVersion.
 * - IotHubResource_CreateOrUpdate is a PUT of the whole IotHubDescription (If-Match "Required to
 *   update an existing IoT Hub"), x-ms-long-running-operation without options, 201 then 200; the
 *   spec itself warns that properties missing from the body "may cause these values to fallback to
 *   default". IoT Hub's TLS documentation (learn.microsoft.com/azure/iot-hub/iot-hub-tls-support)
 *   states that minTlsVersion is read-only once the hub is created, so even a full PUT is no fix.
 *
 * IotHubResource_Get's 200 is the IotHubDescription without its security-related properties (the
 * shared access keys); minTlsVersion is returned, as in the operation's example iothub_get.json.
 */
export const facts = defineKind({
  kind: 'iothub',
  types: [
    {
      type: 'Microsoft.Devices/IotHubs',
      read: { operation: 'IotHubResource_Get', apiVersion: '2023-06-30', spec: iothubSpec('IotHubResource_Get') },
      // readOnly in IotHubProperties (provisioningState, state, hostName, locations), IotHubSkuInfo
      // (tier) and IotHubDescription (systemData); Resource's id/name/type are ARM's own. The
      // eventHubEndpoints map's partitionIds/path/endpoint are readOnly too, below a key of the map.
      readOnly: ['properties.provisioningState', 'properties.state', 'properties.hostName', 'properties.locations', 'sku.tier', 'systemData'],
      // Stable folders of Microsoft.Devices (the resource-manager readme's tags and the 2023-06-30
      // folder) and the two newest previews.
      apiVersions: [
        '2023-06-30', '2023-06-30-preview', '2022-04-30-preview', '2021-07-02', '2021-07-01', '2021-03-31', '2020-08-31', '2020-08-01',
        '2020-06-15', '2020-04-01', '2020-03-01', '2019-11-04', '2019-03-22', '2018-04-01', '2018-01-22', '2017-07-01', '2017-01-19', '2016-02-03',
      ],
    },
  ],
  actions: { read: ['Microsoft.Devices/IotHubs/read'], write: [] },
});
