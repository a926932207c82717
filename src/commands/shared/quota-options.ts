/** The --project-id/--resource/--hard-limit options of the quotas-* commands (`magnumclient/v1/quotas_shell.py`). */
import type { Option } from '../../argparse/spec';
import { IDENTIFIER } from '../../api/identifiers';

/** The project and resource of quotas-show/update/delete are URL path segments. */
export const QUOTA_PATH_ARGS = { project_id: IDENTIFIER.projectId, resource: IDENTIFIER.quotaResource } as const;

/** The help texts differ between commands in capitalisation and final period, as in the reference. */
export function quotaKeyOptions(
  projectHelp: string,
  resourceHelp: string,
): readonly [Option<'project_id', { required: true }>, Option<'resource', { required: true }>] {
  return [
    { flags: ['--project-id'], dest: 'project_id', metavar: '<project-id>', required: true, help: projectHelp },
    { flags: ['--resource'], dest: 'resource', metavar: '<resource>', required: true, help: resourceHelp },
  ];
}

export const HARD_LIMIT: Option<'hard_limit', { type: 'int'; default: number }> = {
  flags: ['--hard-limit'],
  dest: 'hard_limit',
  metavar: '<hard-limit>',
  type: 'int',
  default: 1,
  help: 'Max resource limit.',
};

/** The parsed quotaKeyOptions and HARD_LIMIT. */
export interface QuotaArgs {
  readonly project_id: string;
  readonly resource: string;
  readonly hard_limit: number;
}

export type QuotaBody = { project_id: string; resource: string; hard_limit: number };

/** `{project_id, resource, hard_limit}`, the body of both create and update (a plain object, not JSON-Patch). */
export function quotaBody(args: QuotaArgs): QuotaBody {
  return { project_id: args.project_id, resource: args.resource, hard_limit: args.hard_limit };
}
