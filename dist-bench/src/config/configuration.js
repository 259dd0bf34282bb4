import { z } from 'zod';
import { isAbsolute, resolve } from 'node:path';
export const API_ROLES = ['admin', 'platform', 'operator', 'auditor'];
const integer = (fallback, min, max) => z.coerce.number().int().min(min).max(max).default(fallback);
const environmentSchema = z.object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: integer(3000, 0, 65535),
    BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/i, 'must look like 5mb or 512kb').default('5mb'),
    LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    LOG_FORMAT: z.enum(['json', 'text']).default('json'),
    DATA_DIR: z.string().min(1).default('./data'),
    CONFIG_DIR: z.string().min(1).default('./config'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    EMBEDDED_POSTGRES_PORT: integer(54329, 1, 65535),
    DATABASE_POOL_SIZE: integer(10, 1, 200),
    DATABASE_LOG_QUERIES: z.enum(['true', 'false']).default('false'),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    QUEUE_PREFIX: z.string().regex(/^[a-z0-9-]+$/).default('contact-recovery'),
    WORKER_CONCURRENCY: integer(4, 1, 64),
    API_KEYS: z.string().optional(),
});
export class ConfigurationError extends Error {
}
/** Reads and validates the environment once, at boot. Nothing else in the project reads process.env. */
export function loadConfiguration(environment = process.env) {
    const blankAsUnset = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
    const parsed = environmentSchema.safeParse(blankAsUnset);
    if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
        throw new ConfigurationError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    }
    const env = parsed.data;
    const apiKeys = env.API_KEYS === undefined ? undefined : parseApiKeys(env.API_KEYS);
    if (env.NODE_ENV === 'production' && !apiKeys) {
        throw new ConfigurationError('API_KEYS is required when NODE_ENV=production (format: role:key,role:key)');
    }
    return {
        nodeEnv: env.NODE_ENV,
        http: { host: env.HOST, port: env.PORT, bodyLimit: env.BODY_LIMIT },
        log: { level: env.LOG_LEVEL, format: env.LOG_FORMAT },
        storage: { dataDirectory: absolute(env.DATA_DIR), configDirectory: absolute(env.CONFIG_DIR) },
        database: {
            url: env.DATABASE_URL,
            embeddedPort: env.EMBEDDED_POSTGRES_PORT,
            poolSize: env.DATABASE_POOL_SIZE,
            logQueries: env.DATABASE_LOG_QUERIES === 'true',
        },
        redis: { url: env.REDIS_URL },
        queue: { prefix: env.QUEUE_PREFIX, concurrency: env.WORKER_CONCURRENCY },
        auth: { apiKeys },
    };
}
export function parseApiKeys(value) {
    const entries = value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => {
        const separator = part.indexOf(':');
        const role = part.slice(0, separator);
        const key = part.slice(separator + 1);
        if (separator < 1 || !API_ROLES.includes(role)) {
            throw new ConfigurationError(`API_KEYS: "${role || part}" is not a role (${API_ROLES.join(', ')})`);
        }
        if (key.length < 16) {
            throw new ConfigurationError(`API_KEYS: the ${role} key must be at least 16 characters`);
        }
        return { role: role, key };
    });
    if (entries.length === 0)
        throw new ConfigurationError('API_KEYS is set but names no key');
    if (new Set(entries.map((entry) => entry.key)).size !== entries.length) {
        throw new ConfigurationError('API_KEYS: the same key is given twice');
    }
    return entries;
}
function absolute(path) {
    return isAbsolute(path) ? path : resolve(process.cwd(), path);
}
//# sourceMappingURL=configuration.js.map