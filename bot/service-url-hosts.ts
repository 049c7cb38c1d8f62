/**
 * The hosts Bot Framework posts from for Teams (public cloud, GCC, GCC High, DoD) and the
 * other Bot Framework channels; a subdomain of one of them is allowed too.
 */
export const DEFAULT_SERVICE_URL_HOSTS: readonly string[] = [
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
  'botframework.com',
];

/** True when the URL is well formed and its host is one of `hosts` or a subdomain of one. */
export function isAllowedServiceUrl(serviceUrl: unknown, hosts: readonly string[]): boolean {
  if (typeof serviceUrl !== 'string' || !URL.canParse(serviceUrl)) return false;
  const url = new URL(serviceUrl);
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  // The bot sends its own token to this URL: never in clear, except to this machine.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(host))) return false;
  return hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

/** The hosts incoming activities may name: the configured ones, the defaults in production. */
export function serviceUrlHosts(env: {
  SERVICE_URL_HOSTS?: string[];
  BOT_LOCAL_MODE: boolean;
}): readonly string[] | undefined {
  return env.SERVICE_URL_HOSTS ?? (env.BOT_LOCAL_MODE ? undefined : DEFAULT_SERVICE_URL_HOSTS);
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
