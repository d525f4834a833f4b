import control from './redisenterprise-encrypted';
import { controlCases } from '../../../test/helpers/control-cases';
import { redisEnterpriseDatabase, sampleRedisEnterpriseDatabase } from '../../../test/fixtures/arm-databases-messaging';

const fix = { properties: { clientProtocol: 'Encrypted' } };
const database = (clientProtocol: string | null | undefined) => redisEnterpriseDatabase({ clientProtocol });

controlCases(control, {
  pass: [
    { name: 'clientProtocol is Encrypted as in the Databases_Update example', document: sampleRedisEnterpriseDatabase() },
    { name: 'clientProtocol is Encrypted on a settled database', document: database('Encrypted') },
  ],
  fail: [
    { name: 'clientProtocol is Plaintext', document: database('Plaintext'), path: 'properties.clientProtocol', patch: fix },
    { name: 'clientProtocol is absent', document: database(undefined), patch: fix },
    { name: 'clientProtocol is lower-case "encrypted", which ARM never returns', document: database('encrypted'), patch: fix },
  ],
});
