import { QUALITY_PROFILE, syntheticBorrowers, THROUGHPUT_PROFILE } from './synthetic-contacts.js';
let n = 0;
for (const b of syntheticBorrowers(1, QUALITY_PROFILE, 3)) for (const r of b.records) { if (n++ < 40) console.log(JSON.stringify(r)); }
for (const profile of [QUALITY_PROFILE, THROUGHPUT_PROFILE]) {
  let records = 0; const t = performance.now();
  for (const b of syntheticBorrowers(7, profile, 20000)) records += b.records.length;
  console.log('records per borrower', records / 20000, 'ms', performance.now() - t);
}
