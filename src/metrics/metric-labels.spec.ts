import { describe, expect, it } from 'vitest';
import { boundedLabel, methodLabel, routeLabel, statusClass, UNMATCHED_ROUTE } from './metric-labels.js';

describe('statusClass', () => {
  it('groups a status by its hundreds', () => {
    expect([200, 201, 204, 301, 400, 401, 404, 429, 500, 503].map(statusClass)).toEqual(['2xx', '2xx', '2xx', '3xx', '4xx', '4xx', '4xx', '4xx', '5xx', '5xx']);
  });

  it('labels anything that is not an HTTP status as other', () => {
    expect([0, 99, 600, 200.5, Number.NaN].map(statusClass)).toEqual(['other', 'other', 'other', 'other', 'other']);
  });
});

describe('routeLabel', () => {
  it('keeps the route pattern, never a value', () => {
    expect(routeLabel('/v1/borrowers/:ref/contact-plan')).toBe('/v1/borrowers/:ref/contact-plan');
    expect(routeLabel('/v1/sources/:key/records/')).toBe('/v1/sources/:key/records');
    expect(routeLabel('/')).toBe('/');
  });

  it('labels requests without a plain route pattern as unmatched', () => {
    expect([undefined, null, '', /x/, ['/a', '/b'], 42].map(routeLabel)).toEqual(Array(6).fill(UNMATCHED_ROUTE));
  });
});

describe('methodLabel', () => {
  it('keeps the standard methods and folds the rest', () => {
    expect(['get', 'POST', 'Put', 'DELETE', 'PROPFIND', undefined].map(methodLabel)).toEqual(['GET', 'POST', 'PUT', 'DELETE', 'OTHER', 'OTHER']);
  });
});

describe('boundedLabel', () => {
  it('cuts a label value at 100 characters', () => {
    expect(boundedLabel('crm')).toBe('crm');
    expect(boundedLabel('x'.repeat(150))).toHaveLength(100);
  });
});
