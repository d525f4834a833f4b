import { engineOverhead } from './throughput';
(async () => {
  console.log(JSON.stringify(await engineOverhead()));
})().catch((e) => { console.error(e); process.exit(1); });
