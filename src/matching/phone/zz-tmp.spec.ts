import { it } from 'vitest';
import { splitPhoneField } from './phone-field-splitter.js';
import { splitPhoneField as oldSplit } from './zz-old-splitter.js';
it('x', () => {
  const atoms = ['95588','10086','12345','96110','961234','8600123','6234567','62345678','8600 1234','13812345678','138 1234 5678','010-62345678','010 6234 5678','0755 8601 3388','+86 755 8601 3388','400 123 4567','+86 10 6234 5678','0571 8888 1234','755 8601','3388-123','转 123','-123','ext 123','本人','+86 62345678','+852 9123 4567', '0755 8601', '020 8765 4321'];
  let n = 0, diff = 0;
  for (const a of atoms) for (const b of atoms) for (const c of ['', ...atoms.slice(0, 12)]) {
    const raw = c ? `${a} ${b} ${c}` : `${a} ${b}`;
    n++;
    const o = JSON.stringify(oldSplit(raw)), w = JSON.stringify(splitPhoneField(raw));
    if (o !== w) { diff++; console.log('DIFF', JSON.stringify(raw), o, '=>', w); }
  }
  console.log('TOTAL', n, diff);
  for (const raw of ['+86 755 8601 3388-123','+86 10 6234 5678-123','+86 571 8888 1234-5','0755 8601 3388-123','755 8601 3388-123','+86 755 8601 3388 转 123','13812345678 +86 755 8601 3388-123','+86 755 8601 3388-123 13812345678','+86 755 8601 3388-123/13812345678'])
    console.log('CASE', JSON.stringify(raw), JSON.stringify(oldSplit(raw)), '=>', JSON.stringify(splitPhoneField(raw)));
});
