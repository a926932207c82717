// `<op> <path=value>...` → JSON-Patch: the rules and real bodies of `magnumclient/common/utils.py args_array_to_patch`.
import { describe, expect, it } from 'vitest';
import { argsArrayToPatch } from '../../../src/commands/shared/patch';

/** The request body as the client serialises it. */
const body = (op: string, attrs: string[]): string => JSON.stringify(argsArrayToPatch(op, attrs));

describe('argsArrayToPatch (`magnumclient/common/utils.py args_array_to_patch`)', () => {
  it('produces the real bodies of `magnumclient/common/utils.py args_array_to_patch`', () => {
    expect(body('replace', ['node_count=3'])).toBe('[{"op":"replace","path":"/node_count","value":3}]');
    expect(body('replace', ['labels=x=1,y=2', 'dns_nameserver=1.1.1.1', 'public=true'])).toBe(
      '[{"op":"replace","path":"/labels","value":"{\'x\': \'1\', \'y\': \'2\'}"},' +
        '{"op":"replace","path":"/dns_nameserver","value":"1.1.1.1"},{"op":"replace","path":"/public","value":true}]',
    );
    expect(body('remove', ['labels', 'node_count'])).toBe('[{"op":"remove","path":"/labels"},{"op":"remove","path":"/node_count"}]');
  });

  it('sends labels as the Python repr of the parsed dict', () => {
    expect(argsArrayToPatch('add', ['labels=a=b,c=d'])).toEqual([{ op: 'add', path: '/labels', value: "{'a': 'b', 'c': 'd'}" }]);
    expect(argsArrayToPatch('add', ['/health_status_reason=api=ok'])).toEqual([{ op: 'add', path: '/health_status_reason', value: "{'api': 'ok'}" }]);
    // A quote inside a value switches the repr's quotes, as Python's repr does.
    expect(argsArrayToPatch('replace', ["labels=a=it's"])).toEqual([{ op: 'replace', path: '/labels', value: `{'a': "it's"}` }]);
  });

  it.each([
    ['n=3', 3],
    ['n=true', true],
    ['n=null', null],
    ['n="3"', '3'],
    ['n=[1,2]', [1, 2]],
    ['n={"a":1}', { a: 1 }],
    ['n=True', 'True'],
    ['n=abc', 'abc'],
    ['n=', ''],
    ['n=a=b', 'a=b'],
  ])('value of %s is %j (JSON when it parses, else the raw string)', (attr, value) => {
    expect(argsArrayToPatch('add', [attr])).toEqual([{ op: 'add', path: '/n', value }]);
  });

  it('keeps a path that already starts with /', () => {
    expect(argsArrayToPatch('replace', ['/node_count=1'])).toEqual([{ op: 'replace', path: '/node_count', value: 1 }]);
    expect(argsArrayToPatch('remove', ['/labels/foo'])).toEqual([{ op: 'remove', path: '/labels/foo' }]);
  });

  it('takes the whole argument as the path on remove', () => {
    expect(argsArrayToPatch('remove', ['a=b'])).toEqual([{ op: 'remove', path: '/a=b' }]);
  });

  it('rejects an attribute without = on add and replace', () => {
    expect(() => argsArrayToPatch('add', ['foo'])).toThrow('Attributes must be a list of PATH=VALUE not "/foo"');
    expect(() => argsArrayToPatch('replace', ['node_count=1', '/bar'])).toThrow('Attributes must be a list of PATH=VALUE not "/bar"');
  });

  it('rejects labels that are not KEY=VALUE pairs', () => {
    expect(() => argsArrayToPatch('add', ['labels=a'])).toThrow('labels must be a list of KEY=VALUE not a');
    expect(() => argsArrayToPatch('add', ['labels=a=1,b=2,'])).toThrow('labels must be a list of KEY=VALUE not ');
    // One `=` only: nothing is split, so a trailing comma stays in the value (`magnumclient/common/utils.py format_labels`).
    expect(argsArrayToPatch('add', ['labels=a=1,'])).toEqual([{ op: 'add', path: '/labels', value: "{'a': '1,'}" }]);
    // The reference crashes here ('int' object has no attribute 'count'); we say what is wrong.
    expect(() => argsArrayToPatch('add', ['labels=3'])).toThrow('labels must be a list of KEY=VALUE pairs, not 3');
    expect(() => argsArrayToPatch('add', ['labels={"a":1}'])).toThrow('labels must be a list of KEY=VALUE pairs, not {"a":1}');
  });

  it('rejects an unknown operation', () => {
    expect(() => argsArrayToPatch('move', ['a=b'])).toThrow('Unknown PATCH operation: move');
  });
});
