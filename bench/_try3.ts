import { sweepBench } from './sweep';
(async () => {
  const r = await sweepBench(10000);
  console.log(JSON.stringify({ ...r, graphQueries: undefined }));
})().catch((e) => { console.error(e); process.exit(1); });
