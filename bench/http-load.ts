/** The load generator, run as a child process by contact-plan-load: autocannon, results over IPC. */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
}

interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  key?: string;
  refsFile?: string;
  path?: string;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2]) as LoadOptions;
  const refs: string[] = options.refsFile ? JSON.parse(readFileSync(options.refsFile, 'utf8')) : [];
  let next = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.duration,
    headers: options.key ? { authorization: `Bearer ${options.key}` } : {},
    requests: [
      {
        method: 'GET',
        // A different borrower every request, so caches do not flatter the figure.
        setupRequest: (request) => ({
          ...request,
          path: options.path ?? `/v1/borrowers/${encodeURIComponent(refs[next++ % refs.length])}/contact-plan`,
        }),
      },
    ],
  });
  const summary: LoadResult = {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
  process.send?.(summary);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
