import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

/** scrypt's cost parameters, stored with each hash so that raising them later leaves old hashes readable. */
export interface ScryptParameters {
  /** CPU/memory cost N, a power of two; memory is about 128 × N × r bytes (32 MiB at 2^15, r 8). */
  cost: number;
  blockSize: number;
  parallelization: number;
}

/** OWASP's scrypt minimum (N 2^15, r 8, p 1): memory-hard, about 32 MiB and tens of milliseconds per guess. */
export const SCRYPT_PARAMETERS: ScryptParameters = { cost: 2 ** 15, blockSize: 8, parallelization: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

// Stored hashes are trusted only so far: parameters outside these bounds are refused, not computed.
const MAX_COST = 2 ** 20;
const MAX_BLOCK_SIZE = 32;
const MAX_PARALLELIZATION = 16;

function derive(password: string, salt: Buffer, parameters: ScryptParameters, keyLength: number): Promise<Buffer> {
  const options: ScryptOptions = {
    cost: parameters.cost,
    blockSize: parameters.blockSize,
    parallelization: parameters.parallelization,
    // Node refuses more than 32 MiB by default, which is exactly what N 2^15, r 8 needs: leave room.
    maxmem: 256 * parameters.cost * parameters.blockSize + 1024 * 1024,
  };
  // NFC: the same password typed on two keyboards may arrive composed or decomposed.
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash` (base64url), with a random salt per call (so per user and per password). */
export async function hashPassword(password: string, parameters: ScryptParameters = SCRYPT_PARAMETERS): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, parameters, KEY_LENGTH);
  return ['scrypt', parameters.cost, parameters.blockSize, parameters.parallelization, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface StoredHash {
  parameters: ScryptParameters;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): StoredHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [cost, blockSize, parallelization] = parts.slice(1, 4).map(Number);
  const powerOfTwo = Number.isInteger(cost) && cost > 1 && (cost & (cost - 1)) === 0;
  if (!powerOfTwo || cost > MAX_COST) return undefined;
  if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > MAX_BLOCK_SIZE) return undefined;
  if (!Number.isInteger(parallelization) || parallelization < 1 || parallelization > MAX_PARALLELIZATION) return undefined;
  const salt = Buffer.from(parts[4], 'base64url');
  const key = Buffer.from(parts[5], 'base64url');
  if (salt.length < 8 || key.length < 16) return undefined;
  return { parameters: { cost, blockSize, parallelization }, salt, key };
}

/** Whether `password` is the one `stored` was made from; compared in constant time. A malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const hash = parse(stored);
  if (!hash) return false;
  const candidate = await derive(password, hash.salt, hash.parameters, hash.key.length);
  return timingSafeEqual(candidate, hash.key);
}

/** The parameters a stored hash was made with, or undefined when it is not a hash this module wrote. */
export function hashParameters(stored: string): ScryptParameters | undefined {
  return parse(stored)?.parameters;
}
