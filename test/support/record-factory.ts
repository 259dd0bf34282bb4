import type { SourceRecordPayload } from '../../src/records/source-record.js';

let sequence = 0;

/** A synthetic mobile number in a valid China Mobile range; deterministic per seed. */
export function aMobile(seed: number): string {
  return `138${String(10_000_000 + (seed % 90_000_000)).padStart(8, '0')}`;
}

type Overrides = Partial<Omit<SourceRecordPayload, 'borrower' | 'subject'>> & {
  borrower?: Partial<SourceRecordPayload['borrower']>;
  subject?: Partial<SourceRecordPayload['subject']>;
};

/** A valid synthetic source record; every call gets a new sourceRecordId unless one is given. */
export function aSourceRecord(overrides: Overrides = {}): SourceRecordPayload {
  sequence += 1;
  const { borrower, subject, ...rest } = overrides;
  return {
    sourceRecordId: `rec-${sequence}`,
    observedAt: '2026-05-01T10:00:00+08:00',
    phones: [aMobile(sequence)],
    addresses: [{ text: '广东省深圳市南山区科技南十二路18号阳光花园3栋2单元501室', kind: 'home' }],
    ...rest,
    borrower: { ref: `B-${sequence}`, name: '张三', ...borrower },
    subject: { role: 'borrower', ...subject },
  };
}

/** `count` records for `borrowers` distinct borrowers: the borrower's own record and contacts. */
export function aBatch(count: number, options: { borrowers?: number; prefix?: string } = {}): SourceRecordPayload[] {
  const borrowers = options.borrowers ?? Math.max(1, Math.floor(count / 3));
  const prefix = options.prefix ?? 'batch';
  return Array.from({ length: count }, (_, index) => {
    const borrowerIndex = index % borrowers;
    const isBorrower = index < borrowers;
    return aSourceRecord({
      sourceRecordId: `${prefix}-${index}`,
      borrower: { ref: `${prefix}-B${borrowerIndex}` },
      subject: isBorrower ? { role: 'borrower' } : { role: 'contact', name: `联系人${index}`, relation: index % 2 ? '朋友' : '同事' },
      phones: [aMobile(index * 7919 + 13)],
    });
  });
}
