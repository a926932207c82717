import { describe, expect, it } from 'vitest';
import { ArgumentError, parseArgs } from '../../src/argparse/parse';
import type { ParserSpec } from '../../src/argparse/spec';

const spec: ParserSpec = {
  prog: 'magnum demo',
  options: [
    { flags: ['--keypair-id'], dest: 'keypair', metavar: '<keypair>' },
    { flags: ['--keypair'], dest: 'keypair', metavar: '<keypair>' },
    { flags: ['--sort-key'], dest: 'sort_key', metavar: '<sort-key>' },
    { flags: ['--sort-dir'], dest: 'sort_dir', metavar: '<sort-dir>', choices: ['desc', 'asc'] },
    { flags: ['--limit'], dest: 'limit', metavar: '<limit>', type: 'int' },
    { flags: ['--labels'], dest: 'labels', action: 'append', metavar: '<labels>' },
    { flags: ['--force'], dest: 'force', action: 'store_true' },
    { flags: ['--template'], dest: 'template', metavar: '<t>', required: true },
    { flags: ['--fip-on'], dest: 'fip', action: 'append_const', const: true, default: [] },
    { flags: ['--fip-off'], dest: 'fip', action: 'append_const', const: false, default: [] },
  ],
  positionals: [
    { dest: 'cluster', metavar: '<cluster>' },
    { dest: 'attrs', metavar: '<path=value>', nargs: '+' },
  ],
  groups: [{ members: ['--keypair-id', '--keypair'] }],
};

function errorOf(argv: string[]): string {
  try {
    parseArgs(spec, argv);
  } catch (e) {
    if (e instanceof ArgumentError) return e.message;
    throw e;
  }
  return 'no error';
}

describe('parseArgs', () => {
  it('accepts options anywhere, --opt=value, prefixes and defaults', () => {
    const r = parseArgs(spec, ['c1', '--templ=t', 'a=1', '--li', '5', 'b=2', '--force', '--labels', 'x=1', '--labels=y=2']);
    expect(r.values).toMatchObject({ cluster: 'c1', attrs: ['a=1', 'b=2'], template: 't', limit: 5, force: true, labels: ['x=1', 'y=2'] });
    expect(r.values.sort_dir).toBeNull();
    expect(r.extras).toEqual([]);
    expect(r.seen).toEqual(['--template', '--limit', '--force', '--labels']);
  });

  it('collects append_const values into one list, in order', () => {
    expect(parseArgs(spec, ['c', 'a', '--template', 't', '--fip-off', '--fip-on']).values.fip).toEqual([false, true]);
  });

  it('reports argparse messages', () => {
    expect(errorOf(['c', 'a', '--template', 't', '--sort-dir', 'up'])).toBe("argument --sort-dir: invalid choice: 'up' (choose from 'desc', 'asc')");
    expect(errorOf(['c', 'a', '--template', 't', '--limit', 'abc'])).toBe("argument --limit: invalid int value: 'abc'");
    expect(errorOf(['c', 'a', '--template', 't', '--sort', 'x'])).toBe('ambiguous option: --sort could match --sort-key, --sort-dir');
    expect(errorOf(['c', 'a'])).toBe('the following arguments are required: --template');
    expect(errorOf(['--template', 't'])).toBe('the following arguments are required: <cluster>, <path=value>');
    expect(errorOf(['c', 'a', '--template', 't', '--keypair', 'k', '--keypair-id', 'j'])).toBe(
      'argument --keypair-id: not allowed with argument --keypair',
    );
    expect(errorOf(['c', 'a', '--template'])).toBe('argument --template: expected one argument');
    expect(errorOf(['c', 'a', '--template', 't', '--force=1'])).toBe("argument --force: ignored explicit argument '1'");
  });

  it('leaves unknown options and surplus tokens to the caller', () => {
    const r = parseArgs({ prog: 'x', options: [], positionals: [{ dest: 'c', metavar: '<c>' }] }, ['a', '--nope', 'b']);
    expect(r.values.c).toBe('a');
    expect(r.extras).toEqual(['--nope', 'b']);
  });

  it('treats negative numbers and tokens after -- as positionals', () => {
    const r = parseArgs({ prog: 'x', options: [], positionals: [{ dest: 'v', metavar: '<v>', nargs: '+' }] }, ['-1', '--', '--x']);
    expect(r.values.v).toEqual(['-1', '--x']);
  });
});
