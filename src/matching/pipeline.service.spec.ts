import { describe, expect, it } from 'vitest';
import { pipelineState } from './pipeline.service.js';

describe('pipelineState', () => {
  it('is working while anything is pending, and tells settled from settled with failures', () => {
    expect(pipelineState(3, 0)).toBe('working');
    expect(pipelineState(3, 2)).toBe('working');
    expect(pipelineState(0, 2)).toBe('settled-with-failures');
    expect(pipelineState(0, 0)).toBe('settled');
  });
});
