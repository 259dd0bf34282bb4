/** Synthetic phone and address values as sources write them, for tests of what the matcher makes of them. */

/** A Beijing landline with area code and extension, written the way a CRM form does. */
export function aLandlineWithExtension(seed: number, extension = '123'): string {
  return `010-6${String(2_000_000 + (seed % 7_000_000)).padStart(7, '0')}转${extension}`;
}

/** A mobile written with +86 and spaces, as typed by hand. */
export function aSpacedMobile(seed: number): string {
  const digits = `138${String(10_000_000 + (seed % 90_000_000)).padStart(8, '0')}`;
  return `+86 ${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
}

/** A bank's customer-service short number. */
export const A_SERVICE_NUMBER = '95588';

export interface AddressParts {
  province?: string;
  city: string;
  district: string;
  road: string;
  number: number;
  estate: string;
  building: number;
  unit: number;
  room: number;
}

const SHENZHEN: AddressParts = { province: '广东省', city: '深圳市', district: '南山区', road: '科技南十二路', number: 18, estate: '阳光花园', building: 3, unit: 2, room: 501 };

/** A full address, province to room; `province: undefined` leaves the province out. */
export function anAddress(overrides: Partial<AddressParts> = {}): string {
  const parts = { ...SHENZHEN, ...overrides };
  return `${parts.province ?? ''}${parts.city}${parts.district}${parts.road}${parts.number}号${parts.estate}${parts.building}栋${parts.unit}单元${parts.room}室`;
}
