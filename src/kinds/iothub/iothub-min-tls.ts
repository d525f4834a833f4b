import { defineControl, SELF } from '../../controls/types';
import { requireValue } from '../../controls/expect';
import { IOTHUB_PERMISSIONS, IOTHUB_TYPE } from './shared';

export default defineControl({
  id: 'iothub-min-tls',
  title: 'IoT hubs refuse TLS older than 1.2 (report only)',
  summary: { resource: 'IoT hubs', compliantWhen: '`minTlsVersion = 1.2`', fix: 'none: report only (set when the hub is created)' },
  // Azure/azure-policy's built-in definitions hold no IoT Hub minTlsVersion policy (none references
  // Microsoft.Devices/IotHubs with a TLS condition), and no Defender assessment for it was found.
  recommendations: [],
  resourceTypes: [IOTHUB_TYPE],
  target: SELF,
  permissions: [...IOTHUB_PERMISSIONS],
  defaultMode: 'report',
  doc: {
    why: 'Devices, modules and back-end services connect to an IoT hub over MQTT, AMQP and HTTPS (and their WebSocket forms), all inside TLS. Only a hub created with minTlsVersion "1.2" enforces TLS 1.2 on every connection and, with it, the strong cipher suites; IoT Hub\'s TLS documentation distinguishes this enforcement from mere support of TLS 1.2. Without it, whether TLS 1.0/1.1 or weak ciphers are refused depends on the service-wide retirement Microsoft announced for 31 August 2025, which the hub\'s ARM document does not record, so nothing in Azure proves it for that hub. The REST spec (IotHubProperties, 2023-06-30) names "1.2" as the value that rejects older clients, so only "1.2" passes; an absent value fails.',
    fix: 'None in place: this control is report-only. IoT Hub\'s documentation states that minTlsVersion is read-only once the hub is created, and the only write that could carry it is IotHubResource_CreateOrUpdate, a PUT of the whole hub description (the PATCH takes tags only). The way forward is a new hub created with "minTlsVersion": "1.2", with devices moved to it (for instance by re-provisioning through the Device Provisioning Service) and routes, consumer groups and IP rules recreated; transit-warden does none of that.',
    sideEffects: 'None: the control only reads the hub (Microsoft.Devices/IotHubs/read). On a new hub with minTlsVersion 1.2, devices whose TLS stack cannot do TLS 1.2 (old embedded TLS libraries, some legacy gateways) can no longer connect.',
    exemptWhen: 'A hub already scheduled for replacement by one created with TLS 1.2, or whose device fleet still includes hardware that cannot do TLS 1.2 and has a dated replacement plan. Exempt with transit-warden-exempt-until, so reports show only hubs nobody is handling.',
  },
  evaluate: (hub) => requireValue(hub, 'properties.minTlsVersion', '1.2'),
});
