import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../config/configuration.js';
import type { ContactPlanSettingsService } from '../contact-plan/contact-plan-settings.service.js';
import { StaleScanSettingsService } from './stale-scan-settings.service.js';
import { DEFAULT_STALE_RULES } from './staleness.js';

const directories: string[] = [];
const contactPlan = { contactRules: { timeZone: 'Asia/Urumqi' } } as ContactPlanSettingsService;

function settings(file?: unknown): StaleScanSettingsService {
  const directory = mkdtempSync(join(tmpdir(), 'stale-settings-'));
  directories.push(directory);
  if (file !== undefined) writeFileSync(join(directory, 'stale-scan.json'), JSON.stringify(file));
  return new StaleScanSettingsService({ storage: { configDirectory: directory } } as AppConfig, contactPlan);
}

afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('config/stale-scan.json', () => {
  it('means the defaults when missing, at 02:00 in the contact-rules time zone', () => {
    const defaults = settings();
    expect(defaults.rules).toEqual(DEFAULT_STALE_RULES);
    expect(defaults.batchSize).toBe(2_000);
    expect(defaults.schedule).toEqual({ pattern: '0 2 * * *', tz: 'Asia/Urumqi' });
  });

  it('reads the shipped file, and keeps the default freshness of a system it leaves out', () => {
    const shipped = settings(JSON.parse(readFileSync(join(process.cwd(), 'config', 'stale-scan.json'), 'utf8')));
    expect(shipped.rules).toEqual(DEFAULT_STALE_RULES);
    expect(settings({ freshnessDays: { logistics: 60 } }).rules.freshnessDays).toMatchObject({ logistics: 60, approval: 730 });
  });

  it('stops the start naming the field at fault', () => {
    expect(() => settings({ schedule: 'every night' })).toThrow(/schedule: not a valid cron pattern/);
    expect(() => settings({ freshnessDays: { courier: 30 } })).toThrow(/freshnessDays/);
    expect(() => settings({ invalidOutcomes: ['gone'] })).toThrow(/invalidOutcomes/);
    expect(() => settings({ jobChange: { changes: 3 } })).toThrow(/jobChange.windowDays/);
  });
});
