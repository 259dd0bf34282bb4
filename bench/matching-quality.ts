/**
 * Matching quality on a labelled synthetic set: generate borrowers with known truth, ingest them
 * through the real HTTP API into a real (embedded) PostgreSQL, read back what every phone, address
 * and record resolved to, and score pairwise precision / recall / F1 per category.
 *
 *   npm run bench:matching [-- --borrowers 2000 --seed 20260501 --examples 10 --keep]
 *
 * Exits 0 whatever the scores (it is a measurement; targets are printed as met / missed), 1 only
 * when the run itself fails (the service does not start, a request errors).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_KEYS, numberFlag, parseFlags, registerSources, startBenchService, failBenchmark } from './harness.js';
import { accuracyByTag, type ErrorExample, falseMerges, falseSplits, type Mention, pairwiseScore, type PairwiseScore, pairwiseScoreWithTag, suggestionTruth } from './pairwise.js';
import { intoSourceBatches, QUALITY_PROFILE, type SyntheticBorrower, type SyntheticRecord, syntheticBorrowers, UNUSABLE, VAGUE } from './synthetic-contacts.js';

const BATCH_SIZE = 1000;

interface ObservationRow {
  source_key: string;
  source_record_id: string;
  field: 'phone' | 'employer_phone' | 'address';
  position: number;
  part: number;
  raw: string;
  contact_point_id: string | null;
  error: string | null;
  value_key: string | null;
}

interface MergeRow {
  id: string;
  merged_into_id: string;
}

/** Follows merged_into_id to the surviving id. */
function canonical(merges: readonly MergeRow[]): (id: string) => string {
  const mergedInto = new Map(merges.map((row) => [row.id, row.merged_into_id]));
  return (id) => {
    let current = id;
    for (let hops = 0; hops < 100 && mergedInto.has(current); hops += 1) current = mergedInto.get(current)!;
    return current;
  };
}

interface VersionRow {
  source_key: string;
  source_record_id: string;
  person_id: string;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const borrowerCount = numberFlag(flags, 'borrowers', 2000);
  const seed = numberFlag(flags, 'seed', 20260501);
  const exampleCount = numberFlag(flags, 'examples', 10);
  const keep = flags.has('keep');

  const generationStarted = performance.now();
  const records: SyntheticRecord[] = [];
  const borrowers: SyntheticBorrower[] = [];
  for (const borrower of syntheticBorrowers(seed, QUALITY_PROFILE, borrowerCount, 'Q')) {
    borrowers.push(borrower);
    records.push(...borrower.records);
  }
  const generationSeconds = (performance.now() - generationStarted) / 1000;
  console.log(`matching quality: ${borrowerCount} synthetic borrowers, ${records.length} records (seed ${seed}, generated in ${generationSeconds.toFixed(1)} s)`);

  const service = await startBenchService({ keep });
  try {
    await registerSources(service);
    // Consent first, as a lender has it before it asks a bureau: matching uses external data only with it.
    const consentStarted = performance.now();
    for (let start = 0; start < borrowers.length; start += 25) {
      await Promise.all(
        borrowers.slice(start, start + 25).map(async (borrower) => {
          const response = await service.http.send('PUT', `/v1/borrowers/${borrower.ref}/consents`, BENCH_KEYS.platform, {
            ...borrower.consent,
            evidenceRef: `bench-consent-${borrower.ref}`,
            grantedAt: '2026-01-01T00:00:00Z',
          });
          if (response.status !== 200) throw new Error(`PUT consent ${borrower.ref}: ${response.status} ${response.body.slice(0, 300)}`);
        }),
      );
    }
    const withExternal = borrowers.filter((borrower) => borrower.consent.externalSources).length;
    console.log(`consent recorded for ${borrowers.length} borrowers in ${((performance.now() - consentStarted) / 1000).toFixed(1)} s (${withExternal} with externalSources)`);
    const batches = intoSourceBatches(records, BATCH_SIZE);
    const ingestStarted = performance.now();
    let accepted = 0;
    let duplicates = 0;
    const rejected: string[] = [];
    let unusableReported = 0;
    for (const batch of batches) {
      const response = await service.http.send('POST', `/v1/sources/${batch.sourceKey}/records`, BENCH_KEYS.platform, {
        records: batch.records.map((record) => record.payload),
      });
      if (response.status !== 200) throw new Error(`POST ${batch.sourceKey}: ${response.status} ${response.body.slice(0, 500)}`);
      const answer = JSON.parse(response.body) as {
        accepted: number;
        duplicates: number;
        rejected: { sourceRecordId?: string; errors: string[] }[];
        unusablePhones: unknown[];
      };
      accepted += answer.accepted;
      duplicates += answer.duplicates;
      unusableReported += answer.unusablePhones.length;
      for (const entry of answer.rejected) rejected.push(`${batch.sourceKey}/${entry.sourceRecordId}: ${entry.errors.join('; ')}`);
    }
    const ingestSeconds = (performance.now() - ingestStarted) / 1000;
    console.log(
      `ingested ${batches.length} batches over HTTP in ${ingestSeconds.toFixed(1)} s (${Math.round(records.length / ingestSeconds)} records/s): ` +
        `${accepted} accepted, ${duplicates} duplicates, ${rejected.length} rejected, ${unusableReported} unusable phone strings reported`,
    );
    for (const line of rejected.slice(0, 10)) console.log(`  REJECTED ${line}`);

    // Deferred matching (sharing counts, fuzzy candidates with automatic merges) runs as jobs: let it finish.
    const jobsStarted = performance.now();
    await service.whenJobsIdle();
    console.log(`deferred jobs finished ${((performance.now() - jobsStarted) / 1000).toFixed(1)} s after the last response`);
    const reviewCounts: { kind: string; origin: string; count: string }[] = await service.dataSource
      .query(
        `SELECT kind, 'merge:' || origin AS origin, count(*)::text AS count FROM merge WHERE split_at IS NULL GROUP BY 1, 2
         UNION ALL SELECT kind, 'suggestion:' || status, count(*)::text FROM match_suggestion GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .catch(() => []);
    if (reviewCounts.length > 0) console.log(`review: ${reviewCounts.map((row) => `${row.kind} ${row.origin} ${row.count}`).join(', ')}`);

    const observations: ObservationRow[] = await service.dataSource.query(
      `SELECT record.source_key, record.source_record_id, observation.field, observation.position, observation.part,
              observation.raw, observation.contact_point_id, observation.error, point.value_key
       FROM observation
       JOIN source_record_version version ON version.id = observation.source_record_version_id
       JOIN source_record record ON record.id = version.source_record_uuid AND version.version = record.current_version
       LEFT JOIN contact_point point ON point.id = observation.contact_point_id`,
    );
    const versions: VersionRow[] = await service.dataSource.query(
      `SELECT record.source_key, record.source_record_id, version.person_id
       FROM source_record_version version
       JOIN source_record record ON record.id = version.source_record_uuid AND version.version = record.current_version`,
    );
    const personMerges: MergeRow[] = await service.dataSource.query('SELECT id, merged_into_id FROM person WHERE merged_into_id IS NOT NULL');
    const pointMerges: (MergeRow & { value_key: string })[] = await service.dataSource.query(
      `SELECT point.id, point.merged_into_id, survivor.value_key FROM contact_point point JOIN contact_point survivor ON survivor.id = point.merged_into_id
       WHERE point.merged_into_id IS NOT NULL`,
    );

    const addressSuggestions: { left_id: string; right_id: string; fields: { field: string; agreement: string; left?: string; right?: string }[] }[] = await service.dataSource.query(
      "SELECT left_id, right_id, fields FROM match_suggestion WHERE kind = 'address' AND status = 'pending'",
    );
    const report = score(records, observations, versions, personMerges, pointMerges, exampleCount, addressSuggestions);
    mkdirSync(join(process.cwd(), 'bench', 'output'), { recursive: true });
    const file = join(process.cwd(), 'bench', 'output', 'matching-quality.json');
    writeFileSync(file, JSON.stringify({ seed, borrowers: borrowerCount, records: records.length, ...report }, null, 2));
    console.log(`\nfull report: ${file}`);
  } finally {
    await service.close();
  }
}

function score(
  records: SyntheticRecord[],
  observations: ObservationRow[],
  versions: VersionRow[],
  personMerges: MergeRow[],
  pointMerges: (MergeRow & { value_key: string })[],
  exampleCount: number,
  addressSuggestions: { left_id: string; right_id: string; fields: { field: string; agreement: string; left?: string; right?: string }[] }[],
) {
  // A contact point merged into another (automatically or by an operator) counts as its survivor.
  const survivingPoint = canonical(pointMerges);
  const survivorKey = new Map(pointMerges.map((row) => [row.merged_into_id, row.value_key]));
  const observed = new Map<string, ObservationRow>();
  for (const row of observations) {
    if (row.contact_point_id) {
      const survivor = survivingPoint(row.contact_point_id);
      if (survivor !== row.contact_point_id) {
        row.contact_point_id = survivor;
        row.value_key = `${survivorKey.get(survivor) ?? survivor} (merged from ${row.value_key})`;
      }
    }
    observed.set(`${row.source_key}|${row.source_record_id}|${row.field}|${row.position}|${row.part}`, row);
  }
  const labelled = new Set<string>();

  const phones: Mention[] = [];
  const addresses: Mention[] = [];
  const persons: Mention[] = [];
  let missingObservations = 0;

  const predictedLabel = (row: ObservationRow | undefined) => (row === undefined ? 'no observation stored' : row.contact_point_id ? row.value_key ?? row.contact_point_id : (row.error ?? 'no contact point'));

  for (const record of records) {
    const id = record.payload.sourceRecordId;
    for (const phone of record.truth.phones) {
      const key = `${record.sourceKey}|${id}|${phone.field}|${phone.position}|${phone.part}`;
      labelled.add(key);
      const row = observed.get(key);
      if (!row) missingObservations += 1;
      phones.push({
        truth: phone.truth === UNUSABLE ? null : phone.truth,
        predicted: row?.contact_point_id ?? null,
        raw: phone.raw,
        where: `${record.sourceKey}/${id} ${phone.field}[${phone.position}].${phone.part}`,
        predictedLabel: predictedLabel(row),
        tags: [phone.format, phone.format.split(':')[0], phone.field === 'employer_phone' ? 'field:employer_phone' : 'field:phone'],
      });
    }
    for (const address of record.truth.addresses) {
      const key = `${record.sourceKey}|${id}|address|${address.position}|0`;
      labelled.add(key);
      const row = observed.get(key);
      if (!row) missingObservations += 1;
      addresses.push({
        truth: address.truth === VAGUE ? null : address.truth,
        predicted: row?.contact_point_id ?? null,
        raw: address.raw,
        where: `${record.sourceKey}/${id} address[${address.position}]`,
        predictedLabel: predictedLabel(row),
        tags: address.truth === VAGUE ? address.tags : [...address.tags, `kind:${address.truth.split(':')[0]}`],
      });
    }
  }
  // Observations the truth does not know (a number cut in two, say): any contact point they got is wrong.
  let unlabelled = 0;
  for (const [key, row] of observed) {
    if (labelled.has(key)) continue;
    unlabelled += 1;
    const target = row.field === 'address' ? addresses : phones;
    target.push({
      truth: null,
      predicted: row.contact_point_id,
      raw: row.raw,
      where: `${row.source_key}/${row.source_record_id} ${row.field}[${row.position}].${row.part} (unlabelled)`,
      predictedLabel: predictedLabel(row),
      tags: ['unlabelled observation'],
    });
  }

  const finalPerson = canonical(personMerges);
  const personOf = new Map(versions.map((row) => [`${row.source_key}|${row.source_record_id}`, finalPerson(row.person_id)]));
  for (const record of records) {
    const predicted = personOf.get(`${record.sourceKey}|${record.payload.sourceRecordId}`) ?? null;
    const subject = record.payload.subject;
    persons.push({
      truth: record.truth.person,
      predicted,
      raw: `${subject.role} name=${JSON.stringify(subject.name ?? record.payload.borrower.name ?? '')} relation=${JSON.stringify(subject.relation ?? '')} phones=${JSON.stringify(record.payload.phones)} borrower=${record.payload.borrower.ref}`,
      where: `${record.sourceKey}/${record.payload.sourceRecordId}`,
      predictedLabel: predicted === null ? 'record not stored' : `person ${predicted.slice(0, 8)}`,
      tags: [`role:${subject.role}`, `source:${record.sourceKey}`, ...record.truth.personTags],
    });
  }

  const categories = [
    { name: 'phones', mentions: phones },
    { name: 'addresses', mentions: addresses },
    { name: 'persons', mentions: persons },
  ] as const;
  const scores = Object.fromEntries(categories.map((category) => [category.name, pairwiseScore(category.mentions)])) as Record<(typeof categories)[number]['name'], PairwiseScore>;

  // ---- counts ----
  const usablePhones = phones.filter((mention) => mention.truth !== null && !mention.tags.includes('unlabelled observation'));
  const unusablePhones = phones.filter((mention) => mention.truth === null && !mention.tags.includes('unlabelled observation'));
  const unusableAsPoints = unusablePhones.filter((mention) => mention.predicted !== null);
  const usableUnresolved = usablePhones.filter((mention) => mention.predicted === null);
  const dwellingAddresses = addresses.filter((mention) => mention.truth !== null);
  const vagueAddresses = addresses.filter((mention) => mention.truth === null && !mention.tags.includes('unlabelled observation'));
  const vagueAsPoints = vagueAddresses.filter((mention) => mention.predicted !== null);
  const dwellingUnresolved = dwellingAddresses.filter((mention) => mention.predicted === null);
  const distinct = (mentions: Mention[], pick: (mention: Mention) => string | null) => new Set(mentions.map(pick).filter((value) => value !== null)).size;

  console.log('\n=== counts ===');
  console.log(`records ${records.length}; persons (truth) ${distinct(persons, (m) => m.truth)}, predicted ${distinct(persons, (m) => m.predicted)}`);
  console.log(
    `phone mentions ${phones.length}: ${usablePhones.length} usable (${distinct(usablePhones, (m) => m.truth)} distinct lines), ${unusablePhones.length} unusable; ` +
      `predicted contact points ${distinct(phones, (m) => m.predicted)}`,
  );
  console.log(`  usable phone mentions left without a contact point: ${usableUnresolved.length}`);
  console.log(`  unusable phone strings that became contact points (false positives): ${unusableAsPoints.length}`);
  console.log(
    `address mentions ${addresses.length}: ${dwellingAddresses.length} of ${distinct(dwellingAddresses, (m) => m.truth)} distinct dwellings/pickup points, ${vagueAddresses.length} vague; ` +
      `predicted contact points ${distinct(addresses, (m) => m.predicted)}`,
  );
  console.log(`  dwelling mentions left without a contact point: ${dwellingUnresolved.length}`);
  const nearMisses = nearMissPairs(dwellingAddresses.map((mention) => mention.truth!));
  console.log(
    `  near misses to keep apart: ${nearMisses.sameEstate} pairs of dwellings in one estate (another building/unit/room), ` +
      `${nearMisses.sameRoad} pairs on one road with another house number, ${nearMisses.pickupVsHome} pickup points inside an estate that also holds a mentioned home`,
  );
  console.log(`  vague addresses that became contact points: ${vagueAsPoints.length}`);
  const suggested = suggestionTruth(addresses, addressSuggestions.map((row) => ({ leftId: survivingPoint(row.left_id), rightId: survivingPoint(row.right_id) })));
  console.log(`  address suggestions pending: ${suggested.pairs}, of which ${suggested.same} join one true dwelling`);
  // Why the pending suggestions that join one dwelling were not merged: the fields that were not 'agree'.
  const truthOfPoint = new Map(addresses.flatMap((mention) => (mention.predicted !== null && mention.truth !== null ? [[mention.predicted, mention.truth] as const] : [])));
  const reasons = new Map<string, number>();
  const examplesOf = new Map<string, string>();
  for (const row of addressSuggestions) {
    const [left, right] = [truthOfPoint.get(survivingPoint(row.left_id)), truthOfPoint.get(survivingPoint(row.right_id))];
    if (left === undefined || left !== right) continue;
    const reason = row.fields.filter((field) => field.agreement !== 'agree').map((field) => `${field.field}:${field.agreement}`).sort().join(' ') || 'all agree';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    if (!examplesOf.has(reason)) examplesOf.set(reason, row.fields.filter((field) => field.agreement !== 'agree').map((field) => `${field.field} ${field.left ?? '-'} / ${field.right ?? '-'}`).join('; '));
  }
  for (const [reason, count] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`    ${count} × ${reason} (e.g. ${examplesOf.get(reason)})`);
  console.log(`observations missing for labelled mentions: ${missingObservations}; unlabelled observations stored: ${unlabelled}`);

  // ---- the table ----
  console.log('\n=== pairwise scores ===');
  console.log(pad('category', 11) + pad('mentions', 10) + pad('true pairs', 12) + pad('pred. pairs', 13) + pad('TP', 10) + pad('precision', 11) + pad('recall', 9) + 'F1');
  for (const category of categories) {
    const s = scores[category.name];
    console.log(
      pad(category.name, 11) +
        pad(String(s.mentions), 10) +
        pad(String(s.truePairs), 12) +
        pad(String(s.predictedPairs), 13) +
        pad(String(s.truePositives), 10) +
        pad(s.precision.toFixed(4), 11) +
        pad(s.recall.toFixed(4), 9) +
        s.f1.toFixed(4),
    );
  }

  // Issue 15's classes: pairs involving at least one mention written that way.
  const classes = [
    { category: 'addresses', tag: 'class:estate-typo', what: 'estate name one character off, full street address and flat agree' },
    { category: 'addresses', tag: 'class:landmark', what: 'landmark qualifier between street address and estate' },
    { category: 'addresses', tag: 'prefix:city-merged', what: 'district read as city + district (枣庄市中区)' },
    { category: 'persons', tag: 'class:namesake', what: 'two people of one name listed side by side in one application' },
    { category: 'persons', tag: 'class:two-relations', what: 'one colleague who is also a friend, labelled 同事 or 朋友 by source' },
  ] as const;
  const classScores = classes.map((entry) => ({ ...entry, score: pairwiseScoreWithTag(categories.find((category) => category.name === entry.category)!.mentions, entry.tag) }));
  console.log('\n=== per class (pairs involving a mention of the class) ===');
  console.log(pad('class', 20) + pad('mentions', 10) + pad('true pairs', 12) + pad('pred. pairs', 13) + pad('TP', 8) + pad('precision', 11) + pad('recall', 9) + 'what');
  for (const { tag, what, score } of classScores) {
    console.log(
      pad(tag, 20) + pad(String(score.mentions), 10) + pad(String(score.truePairs), 12) + pad(String(score.predictedPairs), 13) + pad(String(score.truePositives), 8) +
        pad(score.precision.toFixed(4), 11) + pad(score.recall.toFixed(4), 9) + what,
    );
  }

  console.log('\n=== targets ===');
  const targets = [
    { what: 'phones F1 >= 0.999', met: scores.phones.f1 >= 0.999, value: scores.phones.f1 },
    { what: 'addresses precision >= 0.995', met: scores.addresses.precision >= 0.995, value: scores.addresses.precision },
    { what: 'addresses recall >= 0.97', met: scores.addresses.recall >= 0.97, value: scores.addresses.recall },
    { what: 'persons F1 >= 0.98', met: scores.persons.f1 >= 0.98, value: scores.persons.f1 },
  ];
  for (const target of targets) console.log(`${target.met ? 'MET   ' : 'MISSED'} ${target.what} (${target.value.toFixed(4)})`);

  // ---- where it goes wrong ----
  const formatTables: Record<string, { tag: string; total: number; right: number }[]> = {};
  const examples: Record<string, { merges: ErrorExample[]; splits: ErrorExample[] }> = {};
  for (const category of categories) {
    const table = accuracyByTag(category.mentions).sort((left, right) => left.right / left.total - right.right / right.total || right.total - left.total);
    formatTables[category.name] = table;
    const imperfect = table.filter((row) => row.right < row.total);
    console.log(`\n=== ${category.name}: formats with mistakes (${imperfect.length} of ${table.length} tags; a mention is right when it sits in its entity's cluster) ===`);
    for (const row of imperfect.slice(0, 30)) console.log(`  ${pad(`${((100 * row.right) / row.total).toFixed(1)}%`, 8)} ${pad(`${row.right}/${row.total}`, 12)} ${row.tag}`);
    if (imperfect.length === 0) console.log('  none');

    const merges = falseMerges(category.mentions, exampleCount);
    const splits = falseSplits(category.mentions, exampleCount);
    examples[category.name] = { merges, splits };
    console.log(`\n=== ${category.name}: ${merges.length} worst false merges ===`);
    printExamples(merges);
    console.log(`\n=== ${category.name}: ${splits.length} worst false splits ===`);
    printExamples(splits);
  }

  return {
    scores,
    classes: classScores.map(({ tag, what, score }) => ({ tag, what, ...score })),
    targets,
    counts: {
      usablePhoneMentions: usablePhones.length,
      unusablePhoneMentions: unusablePhones.length,
      unusablePhonesBecameContactPoints: unusableAsPoints.length,
      usablePhonesUnresolved: usableUnresolved.length,
      dwellingMentions: dwellingAddresses.length,
      vagueAddressMentions: vagueAddresses.length,
      vagueAddressesBecameContactPoints: vagueAsPoints.length,
      dwellingMentionsUnresolved: dwellingUnresolved.length,
      missingObservations,
      unlabelledObservations: unlabelled,
    },
    formatTables,
    examples: Object.fromEntries(
      Object.entries(examples).map(([name, value]) => [
        name,
        {
          merges: value.merges.map(serialiseExample),
          splits: value.splits.map(serialiseExample),
        },
      ]),
    ),
  };
}

/** Pairs of distinct mentioned dwellings that differ only in building/unit/room, or only in house number. */
function nearMissPairs(truths: string[]): { sameEstate: number; sameRoad: number; pickupVsHome: number } {
  const distinct = [...new Set(truths)];
  const byEstate = new Map<string, number>();
  const byRoad = new Map<string, Set<string>>();
  const estatesWithHomes = new Set<string>();
  const pickups: string[] = [];
  for (const truth of distinct) {
    const [kind, rest] = [truth.slice(0, truth.indexOf(':')), truth.slice(truth.indexOf(':') + 1)];
    const [district, anchor] = rest.split('|');
    if (kind === 'pickup') {
      pickups.push(`${district}|${anchor}`);
      continue;
    }
    if (kind !== 'home') continue;
    if (anchor.includes('#')) {
      const [road, number] = anchor.split('#');
      const numbers = byRoad.get(`${district}|${road}|${rest.split('|').slice(2).join('|')}`) ?? new Set<string>();
      numbers.add(number);
      byRoad.set(`${district}|${road}|${rest.split('|').slice(2).join('|')}`, numbers);
    } else {
      byEstate.set(`${district}|${anchor}`, (byEstate.get(`${district}|${anchor}`) ?? 0) + 1);
      estatesWithHomes.add(`${district}|${anchor}`);
    }
  }
  let sameEstate = 0;
  for (const n of byEstate.values()) sameEstate += (n * (n - 1)) / 2;
  let sameRoad = 0;
  for (const numbers of byRoad.values()) sameRoad += (numbers.size * (numbers.size - 1)) / 2;
  return { sameEstate, sameRoad, pickupVsHome: pickups.filter((pickup) => estatesWithHomes.has(pickup)).length };
}

function serialiseExample(example: ErrorExample) {
  return { pairs: example.pairs, title: example.title, groups: example.groups.map((group) => ({ label: group.label, mentions: group.mentions.slice(0, 5).map(({ raw, where }) => ({ raw, where })) })) };
}

function printExamples(examples: ErrorExample[]): void {
  if (examples.length === 0) console.log('  none');
  examples.forEach((example, index) => {
    console.log(`  ${index + 1}. [${example.pairs} pairs] ${example.title}`);
    for (const group of example.groups.slice(0, 4)) {
      console.log(`     ${group.label} (${group.mentions.length})`);
      for (const mention of group.mentions.slice(0, 2)) console.log(`       ${JSON.stringify(mention.raw)}  @ ${mention.where}`);
    }
    if (example.groups.length > 4) console.log(`     … ${example.groups.length - 4} more groups`);
  });
}

function pad(text: string, width: number): string {
  let visible = 0;
  for (const character of text) visible += character.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return text + ' '.repeat(Math.max(1, width - visible));
}

main().catch(failBenchmark('matching-quality'));
