/**
 * Admin-side helpers for the stack suites: the admin credentials (quotas and service-list
 * need the admin role) and throwaway keystone projects, so quota cases never touch a
 * project someone else uses and leave nothing behind.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvOverrides } from './processes';
import { passwordTokenFromKeystone } from '../support/keystone-direct';

/**
 * OS_* overrides that turn the demo environment into the admin one: the stack's
 * admin-openrc when it is there ($STACK_STATE, default /tmp/magnum-stack), else the
 * demo password with the admin user and project.
 */
export function adminEnv(): EnvOverrides {
  const file = join(process.env.STACK_STATE ?? '/tmp/magnum-stack', 'admin-openrc');
  if (!existsSync(file)) return { OS_USERNAME: 'admin', OS_PROJECT_NAME: 'admin' };
  const env: EnvOverrides = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^export (OS_\w+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  // Two stacks live on one machine (test/stack/up.sh and next.sh): an admin-openrc of the
  // other one would silently send the admin cases to the wrong cloud.
  const trim = (u: string | undefined): string => (u ?? '').replace(/\/+$/, '');
  if (process.env.OS_AUTH_URL && env.OS_AUTH_URL && trim(env.OS_AUTH_URL) !== trim(process.env.OS_AUTH_URL)) {
    throw new Error(`${file} is for ${env.OS_AUTH_URL}, not OS_AUTH_URL ${process.env.OS_AUTH_URL}: set STACK_STATE to that stack's state directory`);
  }
  return env;
}

async function adminToken(): Promise<{ token: string; authUrl: string }> {
  const { token, v3Url } = await passwordTokenFromKeystone({ ...process.env, ...adminEnv() });
  return { token, authUrl: v3Url };
}

/** Creates a keystone project in the default domain; returns its id. */
export async function createProject(name: string): Promise<string> {
  const { token, authUrl } = await adminToken();
  const res = await fetch(`${authUrl}/projects`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token },
    body: JSON.stringify({ project: { name, domain_id: 'default', description: 'magnum CLI test project (deleted after the run)' } }),
  });
  if (res.status !== 201) throw new Error(`create project ${name}: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { project: { id: string } }).project.id;
}

/** Deletes a keystone project (a missing one is fine). */
export async function deleteProject(id: string): Promise<void> {
  const { token, authUrl } = await adminToken();
  const res = await fetch(`${authUrl}/projects/${id}`, { method: 'DELETE', headers: { 'X-Auth-Token': token } });
  if (res.status !== 204 && res.status !== 404) throw new Error(`delete project ${id}: HTTP ${res.status} ${await res.text()}`);
}
