/**
 * The shape a command needs from a successful reply. The client already refuses a body
 * that is not a JSON object (jsonObjectReply, src/api/errors.ts); here a reply without
 * the field the command prints or goes on with is an error naming the URL, the status
 * and what was wrong (invalidResponse, the one wording of every unusable reply), never
 * "…cluster undefined has been accepted." or a table of `undefined`. Each check names
 * only the fields the code reads (the typed views in resources.ts); everything else the
 * server sends is shown as it came.
 */
import { invalidResponse, jsonTypeOf } from './errors';

export type JsonObject = Record<string, unknown>;

/** A reply as the API layer saw it: where it came from, its status and its JSON object (null: a write with no body). */
export interface Reply {
  url: string;
  status: number;
  data: JsonObject | null;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The reply's JSON object: a write answered with no body is an error where the command needs one. */
export function objectReply(r: Reply): JsonObject {
  if (r.data === null) throw invalidResponse(r.url, r.status, 'the body is empty');
  return r.data;
}

/** The reply's JSON object with each of `fields` a non-empty string. */
export function withStrings<const K extends string>(r: Reply, fields: readonly K[]): JsonObject & Record<K, string> {
  const body = objectReply(r);
  for (const field of fields) {
    const value = body[field];
    if (value === undefined) throw invalidResponse(r.url, r.status, `the reply has no "${field}"`);
    if (typeof value !== 'string') throw invalidResponse(r.url, r.status, `"${field}" is ${jsonTypeOf(value)}, not a string`);
    if (value === '') throw invalidResponse(r.url, r.status, `"${field}" is empty`);
  }
  return body as JsonObject & Record<K, string>;
}

/** One page of a collection: `key` holds an array of objects; `next`, when present, is a string. */
export function collectionPage(r: Reply, key: string): { items: JsonObject[]; next?: string } {
  const body = objectReply(r);
  const items = body[key];
  if (items === undefined) throw invalidResponse(r.url, r.status, `the reply has no "${key}" list`);
  if (!Array.isArray(items)) throw invalidResponse(r.url, r.status, `"${key}" is ${jsonTypeOf(items)}, not a list`);
  items.forEach((item: unknown, i) => {
    if (!isObject(item)) throw invalidResponse(r.url, r.status, `item ${i + 1} of "${key}" is ${jsonTypeOf(item)}, not a JSON object`);
  });
  const next = body.next;
  if (next !== undefined && next !== null && typeof next !== 'string') {
    throw invalidResponse(r.url, r.status, `"next" is ${jsonTypeOf(next)}, not a link`);
  }
  return { items: items as JsonObject[], next: typeof next === 'string' && next !== '' ? next : undefined };
}
