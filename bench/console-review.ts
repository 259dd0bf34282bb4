/**
 * The review console under a full queue: with 10,000 pending address suggestions in the database, a real
 * Chromium (playwright-core, the machine's /usr/bin/chromium) opens /console/review as a signed-in
 * operator, and we time
 *  - from the navigation to /console/review until the first suggestion is on screen (target ≤ 1 s), the
 *    first time (nothing cached: the console is served no-store) and `--navigations` times in all;
 *  - for `--decisions` key presses (a accept, r reject: two accepts to one reject) the time from the key
 *    press until the next suggestion is on screen (p50/p95/max; target ≤ 200 ms). The screen moves on
 *    at once and saves the decision in the background, so the time until the service answered that save
 *    (Resource Timing of the POST …/decision, on the page's clock) is reported beside it.
 * Both are measured inside the page: an init script records performance.now() at the keydown (capture
 * phase, before the console's handler runs) and when `[data-testid="suggestion"]` shows a new
 * `data-suggestion-id`, after the next animation frame (so layout and paint of the new suggestion are in).
 *
 * The queue is made as the service makes it: synthetic borrowers' records go through the ingest API in
 * batches of 1000, each pair of records naming one flat twice (full address; short form with a misspelt
 * estate name, `阳光花园` → `阳光花圆`), and the deferred matching job raises each pair as a pending
 * address suggestion. More pairs are sent until `--suggestions` are pending.
 *
 *   npm run bench:console [-- --suggestions 10000 --decisions 50 --navigations 5 --think-ms 250 --seed 7 --keep]
 *
 * Results in bench/output/console-review.json. Synthetic data only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { BENCH_KEYS, numberFlag, parseFlags, startBenchService, type BenchService, failBenchmark } from './harness.js';
import { type District, DISTRICTS, ESTATE_PREFIXES, ESTATE_SUFFIXES, FEMALE_GIVEN, MALE_GIVEN, SURNAMES } from './geography.js';
import { Prng } from './prng.js';
import type { SourceRecordPayload } from '../src/records/source-record.js';

const FIRST_SUGGESTION_TARGET_MS = 1000;
const NEXT_SUGGESTION_TARGET_MS = 200;
const SOURCE_KEY = 'bench-review-crm';
const BATCH_RECORDS = 1000;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1366, height: 768 } as const;
const OUTPUT_DIRECTORY = join(process.cwd(), 'bench', 'output');
const USERNAME = 'bench.reviewer';
const PASSWORD = 'bench-reviewer-lantern-42';

/** Misspellings that happen when an estate name is typed from hearing it (same or near sound) or from a glance. */
const TYPOS: Readonly<Record<string, string>> = {
  园: '圆', 家: '佳', 苑: '院', 庭: '亭', 居: '局', 寓: '遇', 村: '存', 庄: '装', 馆: '管', 雅: '亚', 名: '明', 华: '化',
  阳: '杨', 光: '广', 翠: '萃', 竹: '烛', 锦: '绵', 绣: '秀', 金: '今', 地: '第', 万: '湾', 科: '可', 碧: '璧', 桂: '贵',
  绿: '录', 润: '闰', 保: '宝', 利: '力', 龙: '隆', 湖: '胡', 星: '兴', 河: '和', 世: '市', 纪: '记', 东: '冬', 方: '芳',
  春: '椿', 幸: '兴', 福: '富', 和: '禾', 平: '苹', 长: '常', 城: '成', 新: '欣', 御: '玉', 景: '京', 枫: '风', 林: '霖',
  丽: '莉', 滨: '宾', 江: '疆', 紫: '梓', 荆: '京', 桃: '陶', 源: '元', 怡: '宜', 悦: '越', 天: '添', 誉: '玉', 融: '荣',
  创: '窗', 泰: '太', 嘉: '佳', 海: '每', 山: '三',
};
/** 小区 is what people append to any estate name: not a name of its own. */
const SUFFIXES = ESTATE_SUFFIXES.filter((suffix) => suffix !== '小区');

interface Pair {
  records: [SourceRecordPayload, SourceRecordPayload];
}

/**
 * The n-th pair: one flat in an estate of its own (per district: prefix × suffix, and a building/room no
 * other pair of the district uses), written in full by one borrower's record and in short form with a
 * misspelt estate name by another's.
 */
export function reviewPair(index: number, rng: Prng): Pair {
  const district: District = DISTRICTS[index % DISTRICTS.length];
  const slot = Math.floor(index / DISTRICTS.length);
  const prefix = ESTATE_PREFIXES[slot % ESTATE_PREFIXES.length];
  const suffix = SUFFIXES[Math.floor(slot / ESTATE_PREFIXES.length) % SUFFIXES.length];
  const estate = `${prefix}${suffix}`;
  // Building and room unique in the district for the first prefixes × suffixes × 40 pairs of it.
  const round = Math.floor(slot / (ESTATE_PREFIXES.length * SUFFIXES.length));
  const building = 1 + (slot % 23);
  const unit = 1 + (slot % 4);
  const room = (2 + ((slot + round * 7) % 30)) * 100 + 1 + (round % 4);
  const typoAt = TYPOS[suffix[suffix.length - 1]] ? estate.length - 1 : [...estate].findIndex((character) => TYPOS[character]);
  const misspelt = [...estate].map((character, position) => (position === typoAt ? TYPOS[character] : character)).join('');
  const full = `${district.province}${district.city ?? ''}${district.name}${estate}${building}栋${unit}单元${room}室`;
  const short = `${district.cityShort ?? district.provinceShort}${district.name}${misspelt}${building}-${unit}-${room}`;
  const record = (side: number, text: string): SourceRecordPayload => {
    const gender = rng.chance(0.5);
    const name = `${rng.pick(SURNAMES)}${rng.pick(gender ? MALE_GIVEN : FEMALE_GIVEN)}${rng.chance(0.6) ? rng.pick(gender ? MALE_GIVEN : FEMALE_GIVEN) : ''}`;
    const serial = index * 2 + side;
    return {
      sourceRecordId: `RV-${serial}`,
      observedAt: new Date(Date.UTC(2026, 0, 1) + (serial % 300) * 86_400_000).toISOString(),
      borrower: { ref: `RVB-${serial}`, name },
      subject: { role: 'borrower' },
      // 199 is a China Telecom range the counter does not reach elsewhere in the benchmarks.
      phones: [`199${String(10_000_000 + serial).padStart(8, '0')}`],
      addresses: [{ text, kind: 'home' }],
    };
  };
  return { records: [record(0, full), record(1, short)] };
}

interface Fill {
  pairs: number;
  records: number;
  pending: number;
  seconds: number;
}

/** Sends pairs through the ingest API until `target` suggestions are pending (the matching job raises them). */
async function fillQueue(service: BenchService, target: number, seed: number): Promise<Fill> {
  const rng = new Prng(seed);
  const started = performance.now();
  let next = 0;
  let pending = 0;
  while (pending < target) {
    // Pairs do not all become suggestions (a typo too far from the name is another estate): send what is missing, and a little more.
    const wanted = Math.ceil((target - pending) * 1.02) + 10;
    const pairs = Array.from({ length: wanted }, () => reviewPair(next++, rng));
    const records = pairs.flatMap((pair) => pair.records);
    for (let offset = 0; offset < records.length; offset += BATCH_RECORDS) {
      const body = JSON.stringify({ records: records.slice(offset, offset + BATCH_RECORDS) });
      const response = await service.http.send('POST', `/v1/sources/${SOURCE_KEY}/records`, BENCH_KEYS.platform, body);
      if (response.status !== 200) throw new Error(`ingest: ${response.status} ${response.body.slice(0, 300)}`);
    }
    await service.whenJobsIdle();
    const [row]: { count: number }[] = await service.dataSource.query("SELECT count(*)::int AS count FROM match_suggestion WHERE status = 'pending' AND kind = 'address'");
    pending = row.count;
    console.log(`  ${next} pairs sent, ${pending} suggestions pending (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    if (next > target * 3) throw new Error(`only ${pending} suggestions pending after ${next} pairs: the pairs no longer make suggestions`);
  }
  return { pairs: next, records: next * 2, pending, seconds: (performance.now() - started) / 1000 };
}

/**
 * Runs in the page before the console's scripts (as text: the bench compiles without the DOM library):
 * timestamps of key presses (capture phase, before the console's own handler) and of each suggestion shown.
 */
const PROBE = `(() => {
  const probe = { keys: [], shown: [] };
  window.__reviewProbe = probe;
  let lastId = null;
  document.addEventListener('keydown', (event) => probe.keys.push({ key: event.key, at: performance.now(), shownId: lastId }), true);
  const check = () => {
    const element = document.querySelector('[data-testid="suggestion"]');
    const id = element ? element.getAttribute('data-suggestion-id') : null;
    if (id && id !== lastId) {
      lastId = id;
      const inserted = performance.now();
      // The frame after the change: style, layout and paint of the new suggestion are done.
      requestAnimationFrame(() => setTimeout(() => probe.shown.push({ id, at: performance.now(), inserted }), 0));
    } else if (!id) lastId = null;
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-suggestion-id'] });
})();`;

/** Where the time of a navigation went, from the page's Resource Timing entries (ms after navigation start). */
interface Breakdown {
  documentMs: number;
  domContentLoadedMs: number;
  assets: number;
  assetBytes: number;
  assetsDoneMs: number;
  api: { path: string; startMs: number; endMs: number }[];
  /** when the first suggestion entered the DOM, and when the frame after it was done */
  insertedMs?: number;
  shownMs?: number;
}
const BREAKDOWN = `(() => {
  const round = (value) => Math.round(value);
  const navigation = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const assets = resources.filter((entry) => new URL(entry.name).pathname.startsWith('/console/assets/'));
  const api = resources.filter((entry) => new URL(entry.name).pathname.startsWith('/v1/'));
  return {
    documentMs: round(navigation.responseEnd),
    domContentLoadedMs: round(navigation.domContentLoadedEventEnd),
    assets: assets.length,
    assetBytes: assets.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
    assetsDoneMs: round(Math.max(0, ...assets.map((entry) => entry.responseEnd))),
    api: api.map((entry) => ({ path: new URL(entry.name).pathname, startMs: round(entry.startTime), endMs: round(entry.responseEnd) })),
  };
})()`;

interface Probe {
  keys: { key: string; at: number; shownId: string | null }[];
  shown: { id: string; at: number; inserted: number }[];
}
const readProbe = (page: Page): Promise<Probe> => page.evaluate('window.__reviewProbe');

/**
 * Polls an expression in the page until it is true. (page.waitForFunction evaluates a string with eval,
 * which the console's CSP forbids, rightly; page.evaluate goes through the DevTools protocol.) The times
 * reported are taken inside the page, so the polling interval does not enter them.
 */
async function waitInPage(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
const shownCount = (page: Page): Promise<number> => page.evaluate('window.__reviewProbe ? window.__reviewProbe.shown.length : 0');

/** Key press to the end of the answer of the POST that saved the decision, per decision (page clock). */
async function savedAfter(page: Page, presses: readonly { id: string; at: number }[]): Promise<{ count: number; p50Ms: number | null; p95Ms: number | null; maxMs: number | null; samplesMs: number[] }> {
  const read = (): Promise<{ path: string; endMs: number }[]> =>
    page.evaluate(
      "performance.getEntriesByType('resource').filter((entry) => /\\/decision$/.test(new URL(entry.name).pathname)).map((entry) => ({ path: new URL(entry.name).pathname, endMs: entry.responseEnd }))",
    );
  const deadline = Date.now() + 30_000;
  let entries = await read();
  while (entries.length < presses.length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    entries = await read();
  }
  const samples = presses.flatMap((press) => {
    const entry = entries.find((candidate) => candidate.path === `/v1/match-suggestions/${press.id}/decision`);
    return entry ? [entry.endMs - press.at] : [];
  });
  if (samples.length === 0) return { count: 0, p50Ms: null, p95Ms: null, maxMs: null, samplesMs: [] };
  return { count: samples.length, p50Ms: round1(percentile(samples, 0.5)), p95Ms: round1(percentile(samples, 0.95)), maxMs: round1(Math.max(...samples)), samplesMs: samples.map(round1) };
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}
const round1 = (value: number) => Math.round(value * 10) / 10;

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const target = numberFlag(flags, 'suggestions', 10_000);
  const decisions = numberFlag(flags, 'decisions', 50);
  const navigations = numberFlag(flags, 'navigations', 5);
  const thinkMs = numberFlag(flags, 'think-ms', 250);
  const seed = numberFlag(flags, 'seed', 7);
  const keep = flags.has('keep');

  console.log(`console review benchmark: ${target} pending suggestions, ${navigations} navigations, ${decisions} decisions (${thinkMs} ms between them), seed ${seed}`);
  const service = await startBenchService({ keep });
  let browser: Browser | undefined;
  try {
    const source = await service.http.send('PUT', `/v1/sources/${SOURCE_KEY}`, BENCH_KEYS.admin, { system: 'sales', kind: 'internal', displayName: 'Review bench CRM (synthetic)' });
    if (source.status !== 200 && source.status !== 201) throw new Error(`PUT source: ${source.status} ${source.body}`);
    console.log('filling the queue through the ingest API…');
    const fill = await fillQueue(service, target, seed);
    await service.dataSource.query('VACUUM ANALYZE');

    // An operator account, as an admin makes it; the password is set with the one-time code.
    const created = await service.http.send('POST', '/v1/users', BENCH_KEYS.admin, { username: USERNAME, displayName: '基准 审核员', roles: ['operator'] });
    if (created.status !== 201) throw new Error(`POST /v1/users: ${created.status} ${created.body}`);
    const { setup } = JSON.parse(created.body) as { setup: { code: string } };

    const loadBefore = loadavg().map(round1);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'] });
    const context = await browser.newContext({ baseURL: service.baseUrl, viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    // The session cookie lands in the browser context's jar: the page is signed in as the operator.
    const signedIn = await context.request.post('/v1/session/setup', { data: { username: USERNAME, code: setup.code, password: PASSWORD } });
    if (signedIn.status() !== 200) throw new Error(`POST /v1/session/setup: ${signedIn.status()} ${await signedIn.text()}`);
    await context.addInitScript({ content: PROBE });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    // First suggestion after navigating: each navigation a fresh document (the console is served no-store).
    const firstShown: number[] = [];
    const breakdowns: Breakdown[] = [];
    for (let run = 0; run < navigations; run += 1) {
      if (run > 0) await page.goto('about:blank');
      await page.goto('/console/review', { waitUntil: 'commit' });
      await waitInPage(page, 'Boolean(window.__reviewProbe && window.__reviewProbe.shown.length > 0)');
      const probe = await readProbe(page);
      const breakdown = await page.evaluate<Breakdown>(BREAKDOWN);
      firstShown.push(probe.shown[0].at);
      breakdowns.push({ ...breakdown, insertedMs: Math.round(probe.shown[0].inserted), shownMs: Math.round(probe.shown[0].at) });
      console.log(
        `  navigation ${run + 1}: first suggestion shown ${probe.shown[0].at.toFixed(0)} ms after navigation start ` +
          `(in the DOM at ${probe.shown[0].inserted.toFixed(0)} ms) ` +
          `(page ${breakdown.documentMs} ms, scripts and styles by ${breakdown.assetsDoneMs} ms, ` +
          breakdown.api.map((call) => `${call.path} ${call.startMs}→${call.endMs} ms`).join(', ') +
          ')',
      );
    }

    // Decisions by key: the time from the key press to the next suggestion on screen.
    const latencies: number[] = [];
    /** The suggestion each key press decided, and when (page time). */
    const presses: { id: string; at: number }[] = [];
    let accepts = 0;
    let rejects = 0;
    for (let index = 0; index < decisions; index += 1) {
      const shownBefore = await shownCount(page);
      const key = index % 3 === 2 ? 'r' : 'a';
      await page.keyboard.press(key);
      await waitInPage(page, `window.__reviewProbe.shown.length > ${shownBefore}`);
      const after = await readProbe(page);
      const press = after.keys[after.keys.length - 1];
      const shown = after.shown[shownBefore];
      latencies.push(shown.at - press.at);
      if (press.shownId) presses.push({ id: press.shownId, at: press.at });
      if (key === 'a') accepts += 1;
      else rejects += 1;
      if (thinkMs > 0) await page.waitForTimeout(thinkMs);
    }
    // The screen shows the next suggestion at once and saves the decision in the background: how long
    // until the service had answered each save (Resource Timing of the decision requests, same page clock).
    const saves = await savedAfter(page, presses);
    const summaryAnswer = await context.request.get('/v1/match-suggestions/summary');
    const summary = (await summaryAnswer.json()) as unknown;
    const chromiumVersion = browser.version();
    await context.close();

    const navigation = { breakdowns, runsMs: firstShown.map(round1), firstMs: round1(firstShown[0]), p50Ms: round1(percentile(firstShown, 0.5)), maxMs: round1(Math.max(...firstShown)), targetMs: FIRST_SUGGESTION_TARGET_MS };
    const next = {
      count: latencies.length,
      accepts,
      rejects,
      thinkMs,
      p50Ms: round1(percentile(latencies, 0.5)),
      p95Ms: round1(percentile(latencies, 0.95)),
      maxMs: round1(Math.max(...latencies)),
      targetMs: NEXT_SUGGESTION_TARGET_MS,
      samplesMs: latencies.map(round1),
    };
    const result = {
      date: new Date().toISOString(),
      // Other work on the machine skews every figure here: the load average while the browser ran.
      machine: { cpus: cpus().length, loadAverageBeforeBrowser: loadBefore, loadAverageAfter: loadavg().map(round1) },
      seed,
      chromium: chromiumVersion,
      viewport: VIEWPORT,
      queue: { ...fill, seconds: round1(fill.seconds) },
      firstSuggestion: { ...navigation, withinTarget: navigation.maxMs <= FIRST_SUGGESTION_TARGET_MS },
      nextSuggestion: { ...next, withinTarget: next.p95Ms <= NEXT_SUGGESTION_TARGET_MS },
      decisionSaved: saves,
      summaryAfter: summary,
      pageProblems: problems,
    };
    console.log(`\nmachine: ${cpus().length} cores, load average ${loadBefore.join(' ')} before the browser, ${loadavg().map(round1).join(' ')} after`);
    console.log(`queue: ${fill.pending} pending address suggestions from ${fill.records} records, made in ${fill.seconds.toFixed(1)} s`);
    console.log(
      `first suggestion after navigating to /console/review: first ${navigation.firstMs} ms, p50 ${navigation.p50Ms} ms, max ${navigation.maxMs} ms over ${navigations} navigations (target ≤ ${FIRST_SUGGESTION_TARGET_MS} ms)`,
    );
    console.log(`next suggestion after a key press (${accepts} accept, ${rejects} reject): p50 ${next.p50Ms} ms, p95 ${next.p95Ms} ms, max ${next.maxMs} ms (target ≤ ${NEXT_SUGGESTION_TARGET_MS} ms)`);
    if (saves.count > 0) console.log(`decision stored (key press → the service's answer to the background save, ${saves.count} of ${presses.length}): p50 ${saves.p50Ms} ms, p95 ${saves.p95Ms} ms, max ${saves.maxMs} ms`);
    else console.log(`decision stored: no decision requests seen in the page's Resource Timing`);
    if (problems.length > 0) console.log(`page problems: ${problems.join(' | ')}`);
    mkdirSync(OUTPUT_DIRECTORY, { recursive: true });
    writeFileSync(join(OUTPUT_DIRECTORY, 'console-review.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`report in bench/output/console-review.json`);
  } finally {
    await browser?.close().catch(() => undefined);
    await service.close();
  }
}

main().catch(failBenchmark('console-review'));
