import { describe, expect, it } from 'vitest';
import { recordMappingSchema } from './connector-definition.js';
import { mappedColumns, mapRow } from './record-mapping.js';

const mapping = recordMappingSchema.parse({
  sourceRecordId: 'id',
  observedAt: 'gmt_modified',
  'borrower.ref': 'customer_no',
  'borrower.name': 'cust_name',
  'subject.role': { const: 'contact' },
  'subject.name': 'contact.name',
  'subject.relation': 'relation',
  phones: ['mobile', 'tel'],
  addresses: [{ text: 'addr', kind: { const: 'home' } }],
  'employer.name': 'company',
});

describe('mapRow', () => {
  it('builds the record push ingest takes from columns, nested fields and constants', () => {
    const row = { id: 42, gmt_modified: '2026-01-02 03:04:05.123456', customer_no: 'C-1', cust_name: '王五', contact: { name: '李四' }, relation: '朋友', mobile: 13812345678, tel: '', addr: '北京市朝阳区建国路1号', company: '测试公司' };
    expect(mapRow(mapping, row)).toEqual({
      sourceRecordId: '42',
      observedAt: '2026-01-02 03:04:05.123456',
      borrower: { ref: 'C-1', name: '王五' },
      subject: { role: 'contact', name: '李四', relation: '朋友' },
      phones: ['13812345678'],
      addresses: [{ text: '北京市朝阳区建国路1号', kind: 'home' }],
      employer: { name: '测试公司' },
    });
  });

  it('leaves out blank and missing values, so an empty optional column does not make the record invalid', () => {
    const record = mapRow(mapping, { id: 'x', gmt_modified: '2026-01-01', customer_no: 'C-2', cust_name: '  ', addr: null });
    expect(record).toEqual({ sourceRecordId: 'x', observedAt: '2026-01-01', borrower: { ref: 'C-2' }, subject: { role: 'contact' }, phones: [], addresses: [] });
  });

  it('prefers a column named with a dot over a nested field, and spreads a JSON array of phones', () => {
    const record = mapRow(mapping, { 'contact.name': '列名', contact: { name: '嵌套' }, mobile: ['13800000001', null, 13800000002] });
    expect(record.subject).toEqual({ role: 'contact', name: '列名' });
    expect(record.phones).toEqual(['13800000001', '13800000002']);
  });

  it('lists the columns it reads', () => {
    expect(mappedColumns(mapping)).toEqual(['id', 'gmt_modified', 'customer_no', 'cust_name', 'contact.name', 'relation', 'mobile', 'tel', 'addr', 'company']);
  });
});
