// One fake cloud per test file and a `magnum` runner already pointed at it.
import { afterAll, beforeAll } from 'vitest';
import { startFakeCloud, type FakeCloud, type FakeCloudOptions } from './fake-cloud';
import { openrcEnv, runCli, type RunCliOptions, type RunCliResult } from './run-cli';

export interface CliFixture {
  cloud: FakeCloud;
  magnum(args: string[], opts?: RunCliOptions): Promise<RunCliResult>;
}

export function useFakeCloud(options: FakeCloudOptions = {}, user: 'demo' | 'admin' = 'demo'): CliFixture {
  const fixture = {} as CliFixture;
  beforeAll(async () => {
    fixture.cloud = await startFakeCloud(options);
    fixture.magnum = (args, opts = {}) => runCli(args, { ...opts, env: { ...openrcEnv(fixture.cloud, user), ...opts.env } });
  });
  afterAll(async () => {
    await fixture.cloud.close();
  });
  return fixture;
}
