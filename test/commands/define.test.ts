// defineCommand's inferred `args` (src/commands/define.ts, ArgsOf in src/argparse/spec.ts).
// The expectTypeOf lines and the `@ts-expect-error` lines are checked by `npm run typecheck`
// (part of `npm test`): a misspelt dest that compiles, or a type that drifts from what the
// parser stores, fails the run. The runtime half parses the same declaration and checks that
// the values really are what the types say.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseArgs } from '../../src/argparse/parse';
import type { ArgsOf } from '../../src/argparse/spec';
import { defineCommand, defineOptions } from '../../src/commands/define';
import { COMMANDS } from '../../src/commands';
import { clusterShow } from '../../src/commands/cluster-show';
import { clusterCreate } from '../../src/commands/cluster-create';
import { clusterTemplateCreate } from '../../src/commands/cluster-template-create';
import { nodegroupUpdate } from '../../src/commands/nodegroup-update';
import type { FormatArgs } from '../../src/commands/define';

/** One option or positional of each kind the parser knows. */
const OPTIONS = defineOptions([
  { flags: ['--name'], dest: 'name' },
  { flags: ['--coe'], dest: 'coe', required: true },
  { flags: ['--dir'], dest: 'dir', default: '.' },
  { flags: ['--count'], dest: 'count', type: 'int' },
  { flags: ['--timeout'], dest: 'timeout', type: 'int', default: 60 },
  { flags: ['--sort-dir'], dest: 'sort_dir', choices: ['asc', 'desc'] },
  { flags: ['--force'], dest: 'force', action: 'store_true' },
  { flags: ['--hidden'], dest: 'hidden', action: 'store_true', default: null },
  { flags: ['--visible'], dest: 'hidden', action: 'store_false', default: null },
  { flags: ['--label'], dest: 'label', action: 'append' },
  { flags: ['--tag'], dest: 'tags', action: 'append', default: [] },
  { flags: ['--lb-enabled'], dest: 'lb', action: 'append_const', const: true, default: [] },
  { flags: ['--lb-disabled'], dest: 'lb', action: 'append_const', const: false, default: [] },
]);
const POSITIONALS = [
  { dest: 'cluster', metavar: '<cluster>' },
  { dest: 'size', metavar: '<size>', type: 'int' },
  { dest: 'op', metavar: '<op>', nargs: '?', choices: ['add', 'remove'] },
  { dest: 'attributes', metavar: '<path=value>', nargs: '*' },
] as const;

type Args = ArgsOf<typeof OPTIONS, typeof POSITIONALS>;

describe('defineCommand: args typed from the declaration', () => {
  it('types each dest as what the parser stores for it', () => {
    expectTypeOf<Args['name']>().toEqualTypeOf<string | null>();
    expectTypeOf<Args['coe']>().toEqualTypeOf<string>();
    expectTypeOf<Args['dir']>().toEqualTypeOf<string>();
    expectTypeOf<Args['count']>().toEqualTypeOf<number | null>();
    expectTypeOf<Args['timeout']>().toEqualTypeOf<number>();
    expectTypeOf<Args['sort_dir']>().toEqualTypeOf<'asc' | 'desc' | null>();
    expectTypeOf<Args['force']>().toEqualTypeOf<boolean>();
    expectTypeOf<Args['hidden']>().toEqualTypeOf<boolean | null>();
    expectTypeOf<Args['label']>().toEqualTypeOf<readonly string[] | null>();
    expectTypeOf<Args['tags']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<Args['lb']>().toEqualTypeOf<readonly boolean[]>();
    expectTypeOf<Args['cluster']>().toEqualTypeOf<string>();
    expectTypeOf<Args['size']>().toEqualTypeOf<number>();
    expectTypeOf<Args['op']>().toEqualTypeOf<'add' | 'remove' | null>();
    expectTypeOf<Args['attributes']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<keyof Args>().toEqualTypeOf<
      | 'name'
      | 'coe'
      | 'dir'
      | 'count'
      | 'timeout'
      | 'sort_dir'
      | 'force'
      | 'hidden'
      | 'label'
      | 'tags'
      | 'lb'
      | 'cluster'
      | 'size'
      | 'op'
      | 'attributes'
    >();
  });

  it('parses to values of those types: unset options are null or their default', () => {
    const spec = { prog: 'magnum test', options: OPTIONS, positionals: POSITIONALS };
    const unset = parseArgs(spec, ['--coe', 'kubernetes', 'k8s', '3']).values;
    expect(unset).toEqual({
      name: null,
      coe: 'kubernetes',
      dir: '.',
      count: null,
      timeout: 60,
      sort_dir: null,
      force: false,
      hidden: null,
      label: null,
      tags: [],
      lb: [],
      cluster: 'k8s',
      size: 3,
      op: null,
      attributes: [],
    });
    const given = parseArgs(spec, [
      '--coe=swarm',
      '--name',
      'n',
      '--count',
      '2',
      '--sort-dir',
      'asc',
      '--force',
      '--visible',
      '--label',
      'a=1',
      '--tag',
      't',
      '--lb-disabled',
      'k8s',
      '3',
      'add',
      'x=1',
      'y=2',
    ]).values;
    expect(given).toMatchObject({ name: 'n', count: 2, sort_dir: 'asc', force: true, hidden: false, label: ['a=1'], tags: ['t'], lb: [false] });
    expect(given).toMatchObject({ op: 'add', attributes: ['x=1', 'y=2'] });
  });

  it('refuses a misspelt dest, a wrong type and a pathArgs key that is not declared', () => {
    const typo = defineCommand({
      name: 'typo',
      help: 'x',
      positionals: [{ dest: 'cluster', metavar: '<cluster>' }],
      options: [{ flags: ['--node-count'], dest: 'node_count', type: 'int' }],
      output: 'show',
      async run(_ctx, args) {
        // @ts-expect-error a misspelt dest does not compile
        void args.clustr;
        // @ts-expect-error an int option is a number or null, never a string
        const count: string = args.node_count;
        // @ts-expect-error args are read-only
        args.cluster = 'other';
        expectTypeOf(args.cluster).toEqualTypeOf<string>();
        // -f/-c, added by the CLI to commands that declare `output`.
        expectTypeOf(args.column).toEqualTypeOf<readonly string[]>();
        void count;
      },
    });
    defineCommand({
      name: 'path-typo',
      help: 'x',
      positionals: [{ dest: 'cluster', metavar: '<cluster>' }],
      // @ts-expect-error pathArgs may only name declared dests
      pathArgs: { clustr: { what: 'cluster' } },
      async run() {},
    });
    // defineCommand returns the declaration itself.
    expect(typo.name).toBe('typo');
  });

  it("types the real commands' args, shared option helpers included", () => {
    type ShowArgs = Parameters<typeof clusterShow.run>[1];
    expectTypeOf<ShowArgs>().toEqualTypeOf<
      ArgsOf<readonly [{ flags: ['--long']; dest: 'long'; action: 'store_true' }], readonly [{ dest: 'cluster'; metavar: '' }]> & FormatArgs
    >();
    type CreateArgs = Parameters<typeof clusterCreate.run>[1];
    expectTypeOf<CreateArgs['keypair']>().toEqualTypeOf<string | null>();
    expectTypeOf<CreateArgs['node_count']>().toEqualTypeOf<number>();
    expectTypeOf<CreateArgs['labels']>().toEqualTypeOf<readonly string[] | null>();
    expectTypeOf<CreateArgs['floating_ip_enabled']>().toEqualTypeOf<readonly boolean[]>();
    expectTypeOf<CreateArgs['wait_timeout']>().toEqualTypeOf<number | null>();
    type TemplateArgs = Parameters<typeof clusterTemplateCreate.run>[1];
    expectTypeOf<TemplateArgs['flavor']>().toEqualTypeOf<string>();
    expectTypeOf<TemplateArgs['docker_volume_size']>().toEqualTypeOf<number | null>();
    expectTypeOf<TemplateArgs['labels']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<TemplateArgs['hidden']>().toEqualTypeOf<boolean>();
    type NodegroupArgs = Parameters<typeof nodegroupUpdate.run>[1];
    expectTypeOf<NodegroupArgs['op']>().toEqualTypeOf<'add' | 'replace' | 'remove' | null>();
    expectTypeOf<NodegroupArgs['node_taints']>().toEqualTypeOf<readonly string[] | null>();
    // Every command of the table is a defineCommand declaration (the runtime shape is unchanged).
    expect(COMMANDS.every((c) => typeof c.run === 'function' && typeof c.name === 'string')).toBe(true);
  });
});
