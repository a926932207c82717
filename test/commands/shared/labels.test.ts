// --labels parsing: the table of `magnumclient/common/utils.py format_labels`, each row verified against the real
// magnumclient.common.utils.handle_labels.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLabels, handleLabels } from '../../../src/commands/shared/labels';
import { tempDir } from '../../support/temp';

describe('formatLabels (`magnumclient/common/utils.py format_labels`)', () => {
  const table: [string[], Record<string, string>][] = [
    [['a=b=c'], { a: 'b=c' }],
    [['a=b=c,d=e'], { a: 'b=c', d: 'e' }],
    [['a=1;b=2'], { a: '1', b: '2' }],
    [['a=1', 'b=2;c=3'], { a: '1', b: '2;c=3' }],
    [['=x'], { '': 'x' }],
    [['a='], { a: '' }],
    [['a=1,a=2'], { a: '1,2' }],
    [['K1=V1,K22.2.2.2'], { K1: 'V1,K22.2.2.2' }],
    [['kube_tag=v1.21.1,foo=bar', 'x=y'], { kube_tag: 'v1.21.1,foo=bar', x: 'y' }],
    [['a=1', 'a=2'], { a: '1,2' }],
    [['a=1;b=2,c=3'], { a: '1', b: '2', c: '3' }],
    [['a=1,'], { a: '1,' }],
  ];
  it.each(table)('%j → %j', (input, expected) => {
    const labels = formatLabels(input);
    expect(labels).toEqual(expected);
    // Key order is part of the request body and of the repr sent in patches.
    expect(Object.keys(labels)).toEqual(Object.keys(expected));
  });

  it('is empty for no --labels', () => {
    expect(formatLabels([])).toEqual({});
    expect(formatLabels(null)).toEqual({});
    expect(formatLabels(undefined)).toEqual({});
  });

  it.each([
    [['a=1,b=2,'], 'labels must be a list of KEY=VALUE not '],
    [['a=1,,b=2'], 'labels must be a list of KEY=VALUE not '],
    [['novalue'], 'labels must be a list of KEY=VALUE not novalue'],
    [['a=1', 'b'], 'labels must be a list of KEY=VALUE not b'],
    [['a=1;b;c=2'], 'labels must be a list of KEY=VALUE not b'],
  ])('rejects %j with the reference message', (input, message) => {
    expect(() => formatLabels(input)).toThrow(message);
    try {
      formatLabels(input);
    } catch (e) {
      expect((e as Error).message).toBe(message);
    }
  });
});

describe('handleLabels', () => {
  it('adds mesos_slave_executor_env_variables as json.dumps of the file (`magnumclient/common/utils.py format_labels`)', () => {
    const dir = tempDir('labels-test-');
    const file = join(dir, 'env.json');
    writeFileSync(file, ' {"PATH": "/bin", "n": [1, 2], "u": "\u00e9"}\n');
    const labels = handleLabels([`mesos_slave_executor_env_file=${file}`]);
    expect(labels).toEqual({
      mesos_slave_executor_env_file: file,
      mesos_slave_executor_env_variables: '{"PATH": "/bin", "n": [1, 2], "u": "\\u00e9"}',
    });
  });

  it('reports an unreadable env file', () => {
    expect(() => handleLabels(['mesos_slave_executor_env_file=/nonexistent/env.json'])).toThrow(
      /^Cannot get JSON from file '\/nonexistent\/env\.json'\. Error: /,
    );
  });

  it('reports an env file that is not JSON', () => {
    const dir = tempDir('labels-test-');
    const file = join(dir, 'env.json');
    writeFileSync(file, 'not json\n');
    expect(() => handleLabels([`mesos_slave_executor_env_file=${file}`])).toThrow(/^For JSON: 'not json', error: '/);
  });
});
