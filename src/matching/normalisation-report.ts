/**
 * What the matcher makes of phone and address values, in words a caller can read: for
 * `POST /v1/normalise` and a connector's preview. Pure: it maps the matcher's own preparation
 * (record-preparation.ts) and never normalises anything itself.
 */
import type { Division } from './address/index.js';
import type { CarrierGroup, PhoneType, UnusablePhoneCode } from './phone/phone-normalizer.js';
import { type PreparedAddress, type PreparedPhone, type PreparedRecord, prepareAddress, preparePhoneField } from './record-preparation.js';

interface PhoneReportBase {
  /** 'employer_phone' only in a record preview. */
  field: PreparedPhone['field'];
  /** Index of the value in its input list. */
  position: number;
  /** A value holding two numbers ('138…/139…') gives one entry per number, part 0, 1, … */
  part: number;
}

export interface UsablePhoneReport extends PhoneReportBase {
  usable: true;
  e164: string;
  extension: string | null;
  kind: PhoneType;
  carrierGroup: CarrierGroup | null;
  /** Fixed lines: the area code without trunk 0 ('10', '755'). */
  areaCode: string | null;
  /** True when the area code came from the record's address, not from the value. */
  areaCodeFromContext: boolean;
  /** The contact point identity the matcher dedupes on. */
  key: string;
}

export interface UnusablePhoneReport extends PhoneReportBase {
  usable: false;
  code: UnusablePhoneCode;
  reason: string;
}

export type PhoneReport = UsablePhoneReport | UnusablePhoneReport;

/** Address parts the matcher looks for; `unresolved` lists those it did not find. */
export const ADDRESS_PARTS = ['province', 'city', 'district', 'town', 'road', 'roadNumber', 'estate', 'building', 'unit', 'floor', 'room'] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];

export interface AddressReport {
  position: number;
  /** The text as the matcher compares it (width, script, spaces and punctuation folded). */
  cleaned: string;
  /** GB/T 2260 code and name. */
  province: Division | null;
  city: Division | null;
  district: Division | null;
  town: string | null;
  road: string | null;
  roadNumber: string | null;
  /** The estate (小区/花园/大厦…) without noise words; for a pickup point, the place it serves. */
  estate: string | null;
  building: string | null;
  unit: string | null;
  floor: string | null;
  room: string | null;
  pickupPoint: boolean;
  /** True when the matcher can key it to one dwelling (or pickup point); only such an address becomes a contact point. */
  usable: boolean;
  /** The dwelling key the matcher dedupes on, or null. */
  key: string | null;
  /** Why there is no key, when there is none. */
  reason: string | null;
  /** The parts it could not find, in ADDRESS_PARTS order. */
  unresolved: AddressPart[];
}

export interface NormalisationReport {
  phones: PhoneReport[];
  addresses: AddressReport[];
}

export function phoneReport(phone: PreparedPhone): PhoneReport {
  const { field, position, part, result } = phone;
  if (!result.usable) return { field, position, part, usable: false, code: result.code, reason: result.reason };
  return {
    field,
    position,
    part,
    usable: true,
    e164: result.e164,
    extension: result.extension ?? null,
    kind: result.type,
    carrierGroup: result.carrierGroup ?? null,
    areaCode: result.areaCode ?? null,
    areaCodeFromContext: result.resolvedWithContextAreaCode === true,
    key: phone.key!,
  };
}

export function addressReport(address: PreparedAddress): AddressReport {
  const { parsed } = address;
  const parts: Record<AddressPart, unknown> = {
    province: parsed.province,
    city: parsed.city,
    district: parsed.district,
    town: parsed.town,
    road: parsed.road,
    roadNumber: parsed.roadNumber,
    estate: parsed.community,
    building: parsed.building,
    unit: parsed.unit,
    floor: parsed.floor,
    room: parsed.room,
  };
  return {
    position: address.position,
    cleaned: parsed.cleaned,
    province: division(parsed.province),
    city: division(parsed.city),
    district: division(parsed.district),
    town: parsed.town ?? null,
    road: parsed.road ?? null,
    roadNumber: parsed.roadNumber ?? null,
    estate: parsed.community ?? null,
    building: parsed.building ?? null,
    unit: parsed.unit ?? null,
    floor: parsed.floor ?? null,
    room: parsed.room ?? null,
    pickupPoint: parsed.pickupPoint,
    usable: address.key !== undefined,
    key: address.key ?? null,
    reason: address.key === undefined ? (address.error ?? null) : null,
    unresolved: ADDRESS_PARTS.filter((part) => parts[part] === undefined),
  };
}

/** The report of a prepared record: for a connector preview, `normalisationReport(prepareRecord(payload))`. */
export function normalisationReport(prepared: Pick<PreparedRecord, 'phones' | 'addresses'>): NormalisationReport {
  return { phones: prepared.phones.map(phoneReport), addresses: prepared.addresses.map(addressReport) };
}

/**
 * Loose values, each on its own: no record around them, so a landline without its area code is
 * not completed from an address (inside a record, prepareRecord does that).
 */
export function normaliseValues(values: { phones?: readonly string[]; addresses?: readonly string[] }): NormalisationReport {
  return normalisationReport({
    phones: (values.phones ?? []).flatMap((raw, position) => preparePhoneField('phone', position, raw, undefined)),
    addresses: (values.addresses ?? []).map((raw, position) => prepareAddress(raw, position)),
  });
}

function division(value: Division | undefined): Division | null {
  return value ? { code: value.code, name: value.name } : null;
}
