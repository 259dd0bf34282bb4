/** Result types of phone normalisation; re-exported by phone-normalizer.ts, which is the public entry point. */
import type { CarrierGroup } from './carrier-prefixes.js';

export type PhoneType = 'mobile' | 'fixed_line' | 'organisation';

export type UnusablePhoneCode =
  | 'empty'
  | 'placeholder'
  | 'masked'
  | 'too_short'
  | 'too_long'
  | 'invalid_prefix'
  | 'all_zeros'
  | 'incomplete'
  | 'invalid';

export interface UsablePhone {
  usable: true;
  /** '+8613812345678', '+861062345678' */
  e164: string;
  /** '123'; never part of e164 */
  extension?: string;
  type: PhoneType;
  /** Chinese mobiles only. */
  carrierGroup?: CarrierGroup;
  /** Chinese fixed lines only, without the trunk '0': '10', '755', '571'. */
  areaCode?: string;
  /** Present (true) only when the area code came from the context, not from the string. */
  resolvedWithContextAreaCode?: boolean;
}

export interface UnusablePhone {
  usable: false;
  code: UnusablePhoneCode;
  /** A sentence an operator can act on, in English. */
  reason: string;
}

export type PhoneNormalization = UsablePhone | UnusablePhone;

export interface PhoneContext {
  /** Area code of the city in the same record's address, e.g. '10' or '755' (a leading '0' is tolerated). */
  areaCode?: string;
}
