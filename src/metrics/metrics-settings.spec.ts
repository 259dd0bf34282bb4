import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadConfiguration } from '../config/configuration.js';

const KEYS = { API_KEYS: `admin:${'k'.repeat(16)}` };
const TOKEN = 'metrics-token-0123456789';
const STRONG = 'Xq3vL9pT2mWk8ZrB5nYc7HdF4sGj6AeQ1uVo0iKx_Rw';

describe('metrics settings', () => {
  it('has no metrics endpoint without METRICS_PORT', () => {
    expect(loadConfiguration(KEYS).metrics).toBeUndefined();
  });

  it('listens on loopback by default, indicators cached 30 s', () => {
    expect(loadConfiguration({ ...KEYS, METRICS_PORT: '9464' }).metrics).toEqual({ host: '127.0.0.1', port: 9464, token: undefined, indicatorCacheSeconds: 30 });
  });

  it('reads every variable', () => {
    expect(loadConfiguration({ ...KEYS, METRICS_PORT: '9100', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: TOKEN, METRICS_CACHE_SECONDS: '5' }).metrics).toEqual({
      host: '0.0.0.0',
      port: 9100,
      token: TOKEN,
      indicatorCacheSeconds: 5,
    });
  });

  it('refuses a non-loopback METRICS_HOST without METRICS_TOKEN', () => {
    expect(() => loadConfiguration({ ...KEYS, METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' })).toThrow(/METRICS_TOKEN is required/);
  });

  it('refuses METRICS_HOST or METRICS_TOKEN without METRICS_PORT, a short token and the API port', () => {
    expect(() => loadConfiguration({ ...KEYS, METRICS_TOKEN: TOKEN })).toThrow(/need METRICS_PORT/);
    expect(() => loadConfiguration({ ...KEYS, METRICS_PORT: '9464', METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 16/);
    expect(() => loadConfiguration({ ...KEYS, METRICS_PORT: '3000' })).toThrow(/must differ from PORT/);
    expect(() => loadConfiguration({ ...KEYS, METRICS_PORT: 'x' })).toThrow(ConfigurationError);
  });

  it('refuses a weak token in production', () => {
    const production = { NODE_ENV: 'production', API_KEYS: `admin:${STRONG}`, METRICS_PORT: '9464' };
    expect(() => loadConfiguration({ ...production, METRICS_TOKEN: 'aaaaaaaaaaaaaaaaaaaa' })).toThrow(/METRICS_TOKEN is too weak/);
    expect(loadConfiguration({ ...production, METRICS_TOKEN: STRONG }).metrics?.token).toBe(STRONG);
  });

  it('keeps METRICS_TOKEN from being named as a connector secret', () => {
    expect(loadConfiguration({ ...KEYS, METRICS_PORT: '9464', METRICS_TOKEN: TOKEN }).connectors.secrets.has('METRICS_TOKEN')).toBe(false);
  });
});
