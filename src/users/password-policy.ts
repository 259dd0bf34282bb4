export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Why a password may not be used, or undefined when it may: at least 12 characters (code points, so
 * Chinese passphrases count per character), at most 256, not the username, not one character repeated.
 */
export function passwordProblem(password: string, username: string): string | undefined {
  const length = [...password.normalize('NFC')].length;
  if (length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const folded = password.trim().toLowerCase();
  const name = username.trim().toLowerCase();
  if (folded === name) return 'must not be the username';
  if (new Set(folded).size === 1) return 'must not be one character repeated';
  return undefined;
}

// Lower-case letters, digits, dot, dash and underscore; a letter or digit at each end.
const USERNAME = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;

/** Usernames compare case-insensitively: stored and looked up lower-cased and trimmed. */
export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function usernameProblem(username: string): string | undefined {
  if (username.length < 2) return 'must be at least 2 characters';
  return USERNAME.test(username) ? undefined : 'must be 2 to 64 of a-z, 0-9, ".", "-", "_", starting and ending with a letter or digit';
}
