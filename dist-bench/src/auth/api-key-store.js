import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_ROLES, parseApiKeys } from '../config/configuration.js';
const KEY_FILE = 'api-keys.json';
function digest(key) {
    return createHash('sha256').update(key, 'utf8').digest();
}
/** Resolves bearer keys to principals; keys are held only as SHA-256 digests. */
export class ApiKeyStore {
    constructor(keys) {
        this.entries = keys.map((entry) => {
            const keyDigest = digest(entry.key);
            return { digest: keyDigest, principal: { role: entry.role, id: `${entry.role}:${keyDigest.toString('hex').slice(0, 12)}` } };
        });
    }
    authenticate(key) {
        const candidate = digest(key);
        // Compare against every entry so timing does not reveal which prefix matched.
        let found;
        for (const entry of this.entries) {
            if (timingSafeEqual(entry.digest, candidate))
                found = entry.principal;
        }
        return found;
    }
}
/**
 * Keys for the zero-config default: generated once, kept under DATA_DIR with owner-only
 * permissions, and reused on every start.
 */
export function loadOrGenerateKeys(dataDirectory) {
    const path = join(dataDirectory, KEY_FILE);
    if (existsSync(path)) {
        const stored = JSON.parse(readFileSync(path, 'utf8'));
        return { keys: parseApiKeys(stored.apiKeys), path, generated: false };
    }
    const keys = API_ROLES.map((role) => ({ role, key: `${role}_${randomBytes(24).toString('base64url')}` }));
    mkdirSync(dataDirectory, { recursive: true });
    writeFileSync(path, `${JSON.stringify({ apiKeys: keys.map((entry) => `${entry.role}:${entry.key}`).join(',') }, null, 2)}\n`, { mode: 0o600 });
    return { keys, path, generated: true };
}
//# sourceMappingURL=api-key-store.js.map