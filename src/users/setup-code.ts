import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read out or typed from paper survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 5;
const GROUP_LENGTH = 5;

/** A one-time setup code: 25 characters (125 random bits) in groups of five, e.g. `7KQ2M-…`. Shown once, stored hashed. */
export function newSetupCode(): string {
  const bytes = randomBytes(GROUPS * GROUP_LENGTH);
  // 256 is a multiple of 32, so each byte's low five bits are uniform.
  const characters = [...bytes].map((byte) => ALPHABET[byte & 31]);
  return Array.from({ length: GROUPS }, (_, group) => characters.slice(group * GROUP_LENGTH, (group + 1) * GROUP_LENGTH).join('')).join('-');
}

/** What is compared: upper case, separators dropped, the letters people mistake for digits read as those digits. */
export function normaliseSetupCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** SHA-256 is enough here: the code carries 125 random bits, so there is nothing to guess offline. */
export function setupCodeHash(code: string): string {
  return createHash('sha256').update(normaliseSetupCode(code), 'utf8').digest('hex');
}

export interface SetupCodeState {
  setupCodeHash: string | null;
  setupCodeExpiresAt: Date | null;
  disabledAt: Date | null;
}

export type SetupCodeCheck = 'ok' | 'no_code' | 'expired' | 'wrong_code' | 'disabled';

/** Whether `code` may set this account's password now. */
export function checkSetupCode(account: SetupCodeState, code: string, now: Date): SetupCodeCheck {
  if (account.disabledAt) return 'disabled';
  if (!account.setupCodeHash || !account.setupCodeExpiresAt) return 'no_code';
  const presented = Buffer.from(setupCodeHash(code), 'hex');
  const stored = Buffer.from(account.setupCodeHash, 'hex');
  if (stored.length !== presented.length || !timingSafeEqual(stored, presented)) return 'wrong_code';
  if (now.getTime() >= account.setupCodeExpiresAt.getTime()) return 'expired';
  return 'ok';
}

/** The account's setup fields once a code is used: gone, so the same code never works twice. */
export function redeemedSetupCode(): Pick<SetupCodeState, 'setupCodeHash' | 'setupCodeExpiresAt'> {
  return { setupCodeHash: null, setupCodeExpiresAt: null };
}
