import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';

const admin = useFakeCloud({}, 'admin');
const demo = useFakeCloud();

describe('service-list', () => {
  it('sorts by id numerically, 2 before 10 (the one sorted list, `magnumclient/v1/mservices_shell.py do_service_list`)', async () => {
    const svc = (id: number, host: string, state: string, disabled: boolean, reason: string | null, updated: string | null) => ({
      host,
      binary: 'magnum-conductor',
      state,
      id,
      report_count: 1,
      disabled,
      disabled_reason: reason,
      created_at: '2026-11-24T12:52:43.231359+00:00',
      updated_at: updated,
    });
    admin.cloud.state.mservices = [
      svc(10, 'ctl-b', 'up', false, null, '2026-11-24T15:52:43.231359+00:00'),
      svc(2, 'ctl-a', 'down', true, 'maintenance', null),
    ];
    const r = await admin.magnum(['service-list']);
    const rule =
      '+----+-------+------------------+-------+----------+-----------------+----------------------------------+----------------------------------+\n';
    expect(r).toEqual({
      stdout:
        rule +
        '| id | host  | binary           | state | disabled | disabled_reason | created_at                       | updated_at                       |\n' +
        rule +
        '| 2  | ctl-a | magnum-conductor | down  | True     | maintenance     | 2026-11-24T12:52:43.231359+00:00 | -                                |\n' +
        '| 10 | ctl-b | magnum-conductor | up    | False    | -               | 2026-11-24T12:52:43.231359+00:00 | 2026-11-24T15:52:43.231359+00:00 |\n' +
        rule,
      stderr: '',
      code: 0,
    });
  });

  it('reports the policy refusal for a non-admin', async () => {
    const r = await demo.magnum(['service-list']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ERROR: Policy doesn't allow magnum-service:get_all to be performed \(HTTP 403\) \(Request-ID: req-[0-9a-f-]{36}\)\n$/);
  });
});
