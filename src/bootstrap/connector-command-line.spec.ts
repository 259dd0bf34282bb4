import { describe, expect, it } from 'vitest';
import { parseConnectorCommand, USAGE } from './connector-command-line.js';

describe('parseConnectorCommand', () => {
  it('reads list and run <key>', () => {
    expect(parseConnectorCommand(['list'])).toEqual({ run: 'list' });
    expect(parseConnectorCommand(['run', 'approval'])).toEqual({ run: 'run', key: 'approval' });
  });

  it('prints the usage for --help (status 0) and without a command (status 2)', () => {
    expect(parseConnectorCommand(['--help'])).toEqual({ exit: 0, message: USAGE });
    expect(parseConnectorCommand([])).toEqual({ exit: 2, message: USAGE });
  });

  it('refuses an unknown command and a run without a key', () => {
    expect(parseConnectorCommand(['frobnicate'])).toMatchObject({ exit: 2, error: expect.stringMatching(/^unknown command "frobnicate"/) });
    expect(parseConnectorCommand(['run'])).toMatchObject({ exit: 2, error: expect.stringMatching(/needs a connector key/) });
  });
});
