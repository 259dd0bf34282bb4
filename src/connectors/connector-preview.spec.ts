import { describe, expect, it } from 'vitest';
import { recordMappingSchema } from './connector-definition.js';
import { previewRows } from './connector-preview.js';

const mapping = recordMappingSchema.parse({
  sourceRecordId: 'id',
  observedAt: 'at',
  'borrower.ref': 'ref',
  'borrower.name': 'name',
  'subject.role': { const: 'borrower' },
  phones: ['mobile'],
  addresses: [{ text: 'addr' }],
});
const row = { id: 'r1', at: '2026-01-01 10:00:00', ref: 'C-1', name: '王小明', mobile: '13812345678', addr: '广东省深圳市南山区科技南十二路18号阳光花园1栋2单元102室' };

describe('previewRows', () => {
  it('masks the record and the normalised values unless asked to unmask', () => {
    const [masked] = previewRows(mapping, [row], { unmasked: false });
    expect(masked.valid).toBe(true);
    const text = JSON.stringify(masked);
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('阳光花园');
    expect(text).not.toContain('小明');
    expect(masked.normalised?.phones[0]).toMatchObject({ usable: true, kind: 'mobile', e164: '138****5678' });
    expect(masked.normalised?.addresses[0]).toMatchObject({ province: { name: '广东省' }, district: { name: '南山区' }, estate: '****', usable: true });
    const [plain] = previewRows(mapping, [row], { unmasked: true });
    expect(plain.normalised?.phones[0]).toMatchObject({ e164: '+8613812345678' });
    expect(plain.normalised?.addresses[0]).toMatchObject({ estate: '阳光花园', room: '102' });
  });

  it('reports why a row would be quarantined, showing its shape only', () => {
    const [item] = previewRows(mapping, [{ ...row, ref: '' }], { unmasked: false });
    expect(item.valid).toBe(false);
    expect(item.errors.join(' ')).toMatch(/borrower/);
    expect(JSON.stringify(item.record)).not.toContain('13812345678');
    expect(item.normalised).toBeNull();
  });
});
