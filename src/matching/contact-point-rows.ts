import { blockingKeys, type EstateLocation, estateLocationOf, locationKey } from './address/index.js';
import type { UsablePhone } from './phone/phone-normalizer.js';
import type { PreparedRecord } from './record-preparation.js';
import type { ContactPointKind } from './entity-kinds.js';

export type { ContactPointKind };

/** A contact point as a batch of records describes it, before it is stored. */
export interface ContactPointRow {
  kind: ContactPointKind;
  valueKey: string;
  e164: string | null;
  extension: string | null;
  subtype: string | null;
  carrierGroup: string | null;
  address: string | null;
  districtCode: string | null;
  blockKeys: string[];
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** The identity of a contact point: one row per kind and value key. */
export function pointKey(kind: ContactPointKind, valueKey: string): string {
  return `${kind}|${valueKey}`;
}

/** Every usable phone and identifiable address of the batch, once, with the span of its observations. */
export function collectContactPoints(records: readonly { prepared: PreparedRecord; observedAt: Date }[]): Map<string, ContactPointRow> {
  const points = new Map<string, ContactPointRow>();
  for (const { prepared, observedAt } of records) {
    for (const phone of prepared.phones) {
      if (!phone.result.usable) continue;
      addPoint(points, 'phone', phone.key!, observedAt, {
        e164: phone.result.e164,
        extension: phone.result.extension ?? null,
        subtype: phone.result.type,
        carrierGroup: phone.result.carrierGroup ?? null,
      });
    }
    for (const address of prepared.addresses) {
      if (!address.key) continue;
      const values = () => {
        const { raw: _raw, cleaned: _cleaned, ...parts } = address.parsed;
        return {
          subtype: address.parsed.pickupPoint ? 'pickup_point' : 'dwelling',
          address: JSON.stringify(parts),
          districtCode: address.parsed.district?.code ?? null,
          blockKeys: blockingKeys(address.parsed),
        };
      };
      const point = addPoint(points, 'address', address.key, observedAt, values);
      // The flat written with its street address says more than one written without (estate-location.ts).
      if (namesStreet(address.parsed) && !storedNamesStreet(point.address)) {
        const fuller = values();
        point.address = fuller.address;
        point.blockKeys = [...new Set([...point.blockKeys, ...fuller.blockKeys])];
      }
    }
  }
  return points;
}

/** Phone contact points for numbers seen outside a source record (a call the platform made), once each. */
export function collectPhonePoints(phones: readonly { key: string; phone: UsablePhone }[], seenAt: Date): ContactPointRow[] {
  const points = new Map<string, ContactPointRow>();
  for (const { key, phone } of phones) {
    addPoint(points, 'phone', key, seenAt, { e164: phone.e164, extension: phone.extension ?? null, subtype: phone.type, carrierGroup: phone.carrierGroup ?? null });
  }
  return [...points.values()];
}

/**
 * The contact point of each usable phone and identifiable address of a record, in observation order
 * (phones, then addresses), once the batch's points are ensured (pointKey -> id).
 */
export function contactPointIdsOf(prepared: PreparedRecord, pointIds: ReadonlyMap<string, string>): string[] {
  const keys = [
    ...prepared.phones.flatMap((phone) => (phone.result.usable ? [pointKey('phone', phone.key!)] : [])),
    ...prepared.addresses.flatMap((address) => (address.key ? [pointKey('address', address.key)] : [])),
  ];
  return keys.flatMap((key) => {
    const id = pointIds.get(key);
    return id ? [id] : [];
  });
}

export function addPoint(
  points: Map<string, ContactPointRow>,
  kind: ContactPointKind,
  valueKey: string,
  observedAt: Date,
  values: Partial<ContactPointRow> | (() => Partial<ContactPointRow>),
): ContactPointRow {
  const key = pointKey(kind, valueKey);
  let point = points.get(key);
  if (!point) {
    const known = typeof values === 'function' ? values() : values;
    point = { kind, valueKey, e164: null, extension: null, subtype: null, carrierGroup: null, address: null, districtCode: null, blockKeys: [], firstSeenAt: observedAt, lastSeenAt: observedAt, ...known };
    points.set(key, point);
  }
  if (observedAt < point.firstSeenAt) point.firstSeenAt = observedAt;
  if (observedAt > point.lastSeenAt) point.lastSeenAt = observedAt;
  return point;
}

/** The estates a batch names together with their street address, once each (estate-location.ts). */
export function collectEstateLocations(records: readonly { prepared: PreparedRecord }[]): EstateLocation[] {
  const locations = new Map<string, EstateLocation>();
  for (const { prepared } of records) {
    for (const address of prepared.addresses) {
      const location = estateLocationOf(address.parsed);
      // Longer than the columns: not an estate name anyway.
      if (!location || location.community.length > 100 || location.road.length > 100 || location.roadNumber.length > 32) continue;
      locations.set(locationKey(location), location);
    }
  }
  return [...locations.values()];
}

function namesStreet(address: { road?: string; roadNumber?: string }): boolean {
  return address.road !== undefined && address.roadNumber !== undefined;
}

/** Whether a stored address (ContactPointRow.address, JSON) names its street address. */
export function storedNamesStreet(address: string | null): boolean {
  return address !== null && namesStreet(JSON.parse(address) as { road?: string; roadNumber?: string });
}
