/**
 * The command table, in the reference's help order (magnumclient.md §1.5): modules
 * certificates, clusters, cluster_templates, mservices, stats, quotas, each
 * alphabetical, then bash-completion and help.
 */
import type { CommandModule } from './types';
import { clusterConfig } from './cluster-config';
import { clusterCreate } from './cluster-create';
import { clusterList } from './cluster-list';
import { clusterShow } from './cluster-show';
import { clusterTemplateList } from './cluster-template-list';
import { clusterTemplateShow } from './cluster-template-show';
import { bashCompletion } from './bash-completion';
import { help } from './help';

export const COMMANDS: readonly CommandModule[] = [
  clusterConfig,
  clusterCreate,
  clusterList,
  clusterShow,
  clusterTemplateList,
  clusterTemplateShow,
  bashCompletion,
  help,
];

export function findCommand(name: string): CommandModule | undefined {
  // `bash_completion` is the reference's hidden alias.
  const wanted = name === 'bash_completion' ? 'bash-completion' : name;
  return COMMANDS.find((c) => c.name === wanted);
}
