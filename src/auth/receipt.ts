/**
 * Keystone's multi-factor auth receipts (identity API v3 "Multi-Factor Authentication"):
 * when a user's `multi_factor_auth_rules` are not met by the methods sent, Keystone
 * answers 401 with an `Openstack-Auth-Receipt` header and a body naming the methods
 * done and the rules. keystoneauth raises MissingAuthMethods there
 * (exceptions/auth.py) and leaves the next step to the caller; we take it: the missing
 * factor comes from the configuration (--os-passcode, OS_PASSWORD, ...) or, on a
 * terminal only, from a prompt, and is sent with the receipt (identity/v3/receipt.py).
 */
import type { AuthSettings } from '../config/client-config';
import type { HttpResponse } from '../http/transport';
import { CommandError } from '../errors';
import type { KeystoneOptions, TokenInfo } from './keystone';
import { identityFor, postAuth, tokenFromReply, withDefaultDomain } from './keystone';

interface ReceiptBody {
  receipt?: { methods?: unknown };
  required_auth_methods?: unknown;
}

/** The factors this client can add to a receipt, with where a user gives each. */
const FACTORS: Record<string, { prompt: string; where: string; value(a: AuthSettings): string | undefined; set(a: AuthSettings, v: string): void }> =
  {
    totp: {
      prompt: 'TOTP passcode: ',
      where: 'a TOTP passcode (--os-passcode or OS_PASSCODE)',
      value: (a) => a.passcode,
      set: (a, v) => {
        a.passcode = v;
      },
    },
    password: {
      prompt: 'Password: ',
      where: 'a password (--os-password or OS_PASSWORD)',
      value: (a) => a.password,
      set: (a, v) => {
        a.password = v;
      },
    },
  };

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** What Keystone still wants: the rule closest to being met, as the methods missing from it. */
export function missingMethods(res: HttpResponse): { receipt: string; done: string[]; missing: string[]; rules: string[][] } {
  let body: ReceiptBody = {};
  try {
    body = JSON.parse(res.body) as ReceiptBody;
  } catch {
    /* an empty body leaves nothing to go on: reported below */
  }
  const done = strings(body?.receipt?.methods);
  const rules = (Array.isArray(body?.required_auth_methods) ? body.required_auth_methods : []).map(strings).filter((r) => r.length > 0);
  const candidates = rules
    .map((rule) => rule.filter((m) => !done.includes(m)))
    .filter((m) => m.length > 0)
    .sort((x, y) => Number(x.some((m) => !(m in FACTORS))) - Number(y.some((m) => !(m in FACTORS))) || x.length - y.length);
  return { receipt: res.headers['openstack-auth-receipt'] as string, done, missing: candidates[0] ?? [], rules };
}

export async function continueWithReceipt(
  settings: AuthSettings,
  firstBody: Record<string, unknown>,
  res: HttpResponse,
  url: string,
  headers: Record<string, string>,
  opts: KeystoneOptions,
): Promise<TokenInfo> {
  const { receipt, done, missing, rules } = missingMethods(res);
  // Keystone lists a rule's methods in a Python set's order, which changes between its
  // processes; a sorted rule keeps the message the same for every run (scripts grep it).
  const rulesText = rules.map((r) => [...r].sort().join('+')).join(' or ');
  if (missing.length === 0 || !receipt || /[\r\n]/.test(receipt)) {
    throw new CommandError(`Keystone asked for more authentication methods but did not say which (HTTP 401)`);
  }
  const unsupported = missing.filter((m) => !(m in FACTORS));
  if (unsupported.length > 0) {
    throw new CommandError(`Keystone requires ${rulesText} for this user; this client cannot add ${unsupported.join(', ')}`);
  }
  opts.debugLog?.(`Keystone requires ${rulesText}; done: ${done.join(', ')}; adding ${missing.join(', ')} with the auth receipt`);
  const sent = ((firstBody.auth as { identity: { methods: string[] } }).identity.methods ?? []) as string[];
  for (const method of missing) {
    const factor = FACTORS[method];
    // A value already sent and refused into a receipt is not sent again as the second factor.
    if (factor.value(settings) && !sent.includes(method)) continue;
    if (!opts.askSecret) {
      throw new CommandError(`Keystone requires a second factor for this user (${rulesText}): give ${factor.where}`);
    }
    const answer = await opts.askSecret(factor.prompt);
    if (!answer) throw new CommandError(`No ${method === 'totp' ? 'TOTP passcode' : 'password'} entered`);
    factor.set(settings, answer);
  }
  const auth: Record<string, unknown> = { identity: identityFor(missing, withDefaultDomain(settings)) };
  const scope = (firstBody.auth as { scope?: unknown }).scope;
  if (scope !== undefined) auth.scope = scope;
  const again = await postAuth(url, { ...headers, 'Openstack-Auth-Receipt': receipt }, JSON.stringify({ auth }), opts);
  return tokenFromReply(url, again);
}
