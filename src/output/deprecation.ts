/**
 * The warning for a deprecated option that was used, in the reference's one sentence:
 * `magnumclient/shell.py main` for an option beside its replacement option
 * (`Use the --cluster-template parameter`), `magnumclient/common/cliutils.py
 * DEPRECATION_BASE` for one replaced by a positional (`Use the <name> positional
 * parameter`). Printed on stderr before the command runs.
 */
export function deprecationWarning(flag: string, replacement: string): string {
  return `WARNING: The ${flag} parameter is deprecated and will be removed in a future release. Use the ${replacement} parameter to avoid seeing this message.\n`;
}
