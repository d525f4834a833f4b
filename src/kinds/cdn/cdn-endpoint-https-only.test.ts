import control from './cdn-endpoint-https-only';
import { controlCases } from '../../../test/helpers/control-cases';
import { cdnEndpoint, sampleCdnEndpoint } from './fixtures';

const fix = { properties: { isHttpAllowed: false } };

controlCases(control, {
  pass: [
    { name: 'isHttpAllowed is false', document: cdnEndpoint({ isHttpAllowed: false }) },
    { name: 'isHttpAllowed is false and origins, rules and custom domains are whatever they are', document: cdnEndpoint({ isHttpAllowed: false, isCompressionEnabled: true, geoFilters: [] }) },
  ],
  fail: [
    { name: 'isHttpAllowed is true as in the Endpoints_ListByProfile example', document: sampleCdnEndpoint(), path: 'properties.isHttpAllowed', patch: fix },
    { name: 'isHttpAllowed is absent (the default is true)', document: cdnEndpoint({ isHttpAllowed: undefined }), patch: fix },
    { name: 'isHttpAllowed is the string "false", which ARM never returns', document: cdnEndpoint({ isHttpAllowed: 'false' }), patch: fix },
    {
      name: 'HTTPS is off too: HTTPS is switched on so that one protocol stays allowed',
      document: cdnEndpoint({ isHttpAllowed: true, isHttpsAllowed: false }),
      patch: { properties: { isHttpAllowed: false, isHttpsAllowed: true } },
    },
  ],
});
