/**
 * The global options of `magnum`, in the reference's declaration order (shell.py
 * get_base_parser), so help, prefix matching and ambiguity errors match it. Defaults
 * from the environment are applied in resolve.ts, not here, so that help stays static.
 */
import type { OptionSpec } from '../argparse/spec';

export const GLOBAL_OPTIONS: OptionSpec[] = [
  { flags: ['-h', '--help'], dest: 'help', action: 'store_true' },
  { flags: ['--version'], dest: 'version', action: 'store_true', help: "show program's version number and exit" },
  { flags: ['--debug'], dest: 'debug', action: 'store_true', help: 'Print debugging output.' },
  {
    flags: ['--os-cache'],
    dest: 'os_cache',
    action: 'store_true',
    help: 'Use the auth token cache. Defaults to False if env[OS_CACHE] is not set.',
  },
  { flags: ['--os-region-name'], dest: 'os_region_name', metavar: '<region-name>', help: 'Region name. Default=env[OS_REGION_NAME].' },
  { flags: ['--os-auth-url'], dest: 'os_auth_url', metavar: '<auth-auth-url>', help: 'Defaults to env[OS_AUTH_URL].' },
  { flags: ['--os-user-id'], dest: 'os_user_id', metavar: '<auth-user-id>', help: 'Defaults to env[OS_USER_ID].' },
  { flags: ['--os-username'], dest: 'os_username', metavar: '<auth-username>', help: 'Defaults to env[OS_USERNAME].' },
  {
    flags: ['--os-user-domain-id'],
    dest: 'os_user_domain_id',
    metavar: '<auth-user-domain-id>',
    help: 'Defaults to env[OS_USER_DOMAIN_ID].',
  },
  {
    flags: ['--os-user-domain-name'],
    dest: 'os_user_domain_name',
    metavar: '<auth-user-domain-name>',
    help: 'Defaults to env[OS_USER_DOMAIN_NAME].',
  },
  { flags: ['--os-project-id'], dest: 'os_project_id', metavar: '<auth-project-id>', help: 'Defaults to env[OS_PROJECT_ID].' },
  { flags: ['--os-project-name'], dest: 'os_project_name', metavar: '<auth-project-name>', help: 'Defaults to env[OS_PROJECT_NAME].' },
  { flags: ['--os-tenant-id'], dest: 'os_tenant_id', metavar: '<auth-tenant-id>' },
  { flags: ['--os-tenant-name'], dest: 'os_tenant_name', metavar: '<auth-tenant-name>' },
  {
    flags: ['--os-project-domain-id'],
    dest: 'os_project_domain_id',
    metavar: '<auth-project-domain-id>',
    help: 'Defaults to env[OS_PROJECT_DOMAIN_ID].',
  },
  {
    flags: ['--os-project-domain-name'],
    dest: 'os_project_domain_name',
    metavar: '<auth-project-domain-name>',
    help: 'Defaults to env[OS_PROJECT_DOMAIN_NAME].',
  },
  { flags: ['--os-token'], dest: 'os_token', metavar: '<auth-token>', help: 'Defaults to env[OS_TOKEN].' },
  { flags: ['--os-password'], dest: 'os_password', metavar: '<auth-password>', help: 'Defaults to env[OS_PASSWORD].' },
  { flags: ['--service-type'], dest: 'service_type', metavar: '<service-type>', help: 'Defaults to container-infra for all actions.' },
  { flags: ['--service_type'], dest: 'service_type' },
  { flags: ['--endpoint-type'], dest: 'endpoint_type', metavar: '<endpoint-type>' },
  {
    flags: ['--os-endpoint-type'],
    dest: 'os_endpoint_type',
    metavar: '<os-endpoint-type>',
    help: 'Defaults to env[OS_ENDPOINT_TYPE]',
  },
  { flags: ['--os-interface'], dest: 'os_interface', metavar: '<os-interface>' },
  { flags: ['--os-cloud'], dest: 'os_cloud', metavar: '<auth-cloud>', help: 'Defaults to env[OS_CLOUD].' },
  {
    flags: ['--magnum-api-version'],
    dest: 'magnum_api_version',
    metavar: '<magnum-api-ver>',
    help: 'Accepts "api", defaults to env[MAGNUM_API_VERSION].',
  },
  { flags: ['--magnum_api_version'], dest: 'magnum_api_version' },
  {
    flags: ['--os-cacert'],
    dest: 'os_cacert',
    metavar: '<ca-certificate>',
    help: 'Specify a CA bundle file to use in verifying a TLS (https) server certificate. Defaults to env[OS_CACERT].',
  },
  {
    flags: ['--os-endpoint-override'],
    dest: 'os_endpoint_override',
    metavar: '<endpoint-override>',
    help: 'Use this API endpoint instead of the Service Catalog.',
  },
  { flags: ['--bypass-url'], dest: 'bypass_url', metavar: '<bypass-url>' },
  { flags: ['--bypass_url'], dest: 'bypass_url' },
  { flags: ['--insecure'], dest: 'insecure', action: 'store_true', help: 'Do not verify https connections' },
  {
    flags: ['--profile'],
    dest: 'profile',
    metavar: 'HMAC_KEY',
    help:
      'HMAC key to use for encrypting context data for performance profiling of operation. This key should be the ' +
      'value of the HMAC key configured for the OSprofiler middleware in magnum; it is specified in the Magnum ' +
      'configuration file at "/etc/magnum/magnum.conf". Without the key, profiling will not be triggered even if ' +
      'OSprofiler is enabled on the server side.',
  },
  // Not in the reference's shell: listed after its help, under "Additional options (this
  // client):", and matched only when spelled out, so the reference's `--os-c…`, `--os-a…` and
  // `--os-pass` prefixes keep their meaning (OptionSpec.addition). docs/configuration.md.
  {
    flags: ['--os-cert'],
    dest: 'os_cert',
    metavar: '<certificate>',
    addition: true,
    help: 'TLS client certificate (PEM) for Keystone and Magnum, as in the OpenStack client. Defaults to env[OS_CERT].',
  },
  {
    flags: ['--os-key'],
    dest: 'os_key',
    metavar: '<key>',
    addition: true,
    help: "The client certificate's key (PEM), unless the --os-cert file holds both. Defaults to env[OS_KEY].",
  },
  {
    flags: ['--os-api-timeout'],
    dest: 'os_api_timeout',
    metavar: '<seconds>',
    addition: true,
    help: 'Deadline of each request, in seconds (default 120). Defaults to env[OS_API_TIMEOUT].',
  },
  {
    flags: ['--os-passcode'],
    dest: 'os_passcode',
    metavar: '<auth-passcode>',
    addition: true,
    help: 'A TOTP passcode, for the v3totp and v3multifactor auth types. Defaults to env[OS_PASSCODE].',
  },
];

export const MAIN_DESCRIPTION = 'Command-line interface to the OpenStack Magnum API.';
export const MAIN_EPILOG = 'See "magnum help COMMAND" for help on a specific command.';
