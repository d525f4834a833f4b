import control from './frontdoor-min-tls';
import { controlCases } from '../../../test/helpers/control-cases';
import { customDomain, frontDoorMinTlsPatch, frontDoorProfileId, sampleCustomDomain } from './fixtures';

const secret = { id: `${frontDoorProfileId()}/secrets/contoso-cert` };
const domain = (minimumTlsVersion: string | null | undefined) => customDomain({ tlsSettings: { minimumTlsVersion } });

controlCases(control, {
  pass: [
    { name: 'minimumTlsVersion is TLS12 as in the AFDCustomDomains_Update example', document: sampleCustomDomain() },
    { name: 'minimumTlsVersion is TLS12 on a settled domain', document: domain('TLS12') },
    { name: 'minimumTlsVersion is the stricter TLS13 of later api-versions', document: domain('TLS13') },
  ],
  fail: [
    { name: 'minimumTlsVersion is TLS10', document: domain('TLS10'), path: 'properties.tlsSettings.minimumTlsVersion', patch: frontDoorMinTlsPatch() },
    { name: 'minimumTlsVersion is absent', document: domain(undefined), patch: frontDoorMinTlsPatch() },
    { name: 'minimumTlsVersion is null', document: domain(null), patch: frontDoorMinTlsPatch() },
    { name: 'minimumTlsVersion is lower-case "tls12", which the enum does not hold', document: domain('tls12'), patch: frontDoorMinTlsPatch() },
    {
      name: 'a customer certificate: its type and secret are sent back as read',
      document: customDomain({ tlsSettings: { certificateType: 'CustomerCertificate', minimumTlsVersion: 'TLS10' } }),
      patch: { properties: { tlsSettings: { certificateType: 'CustomerCertificate', minimumTlsVersion: 'TLS12', secret } } },
    },
    {
      name: 'a managed certificate not yet given a secret: no secret is sent',
      document: customDomain({ tlsSettings: { minimumTlsVersion: 'TLS10', secret: undefined } }),
      patch: { properties: { tlsSettings: { certificateType: 'ManagedCertificate', minimumTlsVersion: 'TLS12' } } },
    },
  ],
  notApplicable: [
    { name: 'the domain reports no tlsSettings', document: customDomain({ tlsSettings: undefined }) },
    { name: 'tlsSettings has no certificateType', document: customDomain({ tlsSettings: { certificateType: undefined, minimumTlsVersion: 'TLS10' } }) },
  ],
});
