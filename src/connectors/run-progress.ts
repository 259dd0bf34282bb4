/** What the command line shows of a run in progress: pure, so it is tested without a terminal. */
export interface ProgressSnapshot {
  read: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Rows still to read at the start, when the reader could tell. */
  total?: number;
  elapsedMilliseconds: number;
}

export function ratePerSecond(read: number, elapsedMilliseconds: number): number {
  return elapsedMilliseconds > 0 ? (read / elapsedMilliseconds) * 1000 : 0;
}

/** Seconds left at the rate so far; undefined without a total or before any row. */
export function etaSeconds(snapshot: ProgressSnapshot): number | undefined {
  const rate = ratePerSecond(snapshot.read, snapshot.elapsedMilliseconds);
  if (snapshot.total === undefined || rate <= 0) return undefined;
  return Math.max(0, (snapshot.total - snapshot.read) / rate);
}

export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  return hours > 0 ? `${hours}h${String(minutes).padStart(2, '0')}m` : minutes > 0 ? `${minutes}m${String(rest).padStart(2, '0')}s` : `${rest}s`;
}

/** One line: a bar when the total is known, then counts, rate and ETA. */
export function progressLine(snapshot: ProgressSnapshot, width = 30): string {
  const rate = ratePerSecond(snapshot.read, snapshot.elapsedMilliseconds);
  const counts = `${snapshot.read.toLocaleString('en-US')} rows · ${snapshot.accepted.toLocaleString('en-US')} stored · ${snapshot.duplicates.toLocaleString('en-US')} duplicates · ${snapshot.rejected.toLocaleString('en-US')} quarantined · ${Math.round(rate).toLocaleString('en-US')} rows/s`;
  if (snapshot.total === undefined || snapshot.total <= 0) return counts;
  const share = Math.min(1, snapshot.read / snapshot.total);
  const filled = Math.round(share * width);
  const eta = etaSeconds(snapshot);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(1)}% ${counts}${eta === undefined ? '' : ` · ETA ${formatDuration(eta)}`}`;
}
