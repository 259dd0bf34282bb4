import { vi } from 'vitest';

/** Captures what the process writes to stdout and stderr until vi.restoreAllMocks(); `text()` joins it. */
export function captureOutput(): { text(): string } {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  return { text: () => written.join('') };
}
