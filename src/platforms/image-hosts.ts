/**
 * The platforms' image hosts: the only places the extension fetches profile pictures from. One list,
 * which the avatar URL checks use and the manifest's host_permissions must match (test/unit/platforms/
 * image-hosts.test.ts ties them). `*.` means the host and its subdomains, as in a match pattern.
 */
import type { Platform } from '../core/types.ts';

export const IMAGE_HOSTS: Record<Platform, readonly string[]> = {
  youtube: ['yt3.ggpht.com', 'yt3.googleusercontent.com', 'yt4.googleusercontent.com', 'lh3.googleusercontent.com', 'i.ytimg.com'],
  x: ['pbs.twimg.com', 'abs.twimg.com'],
  facebook: ['*.fbcdn.net'],
};

function hostMatches(pattern: string, hostname: string): boolean {
  if (!pattern.startsWith('*.')) return hostname === pattern;
  const base = pattern.slice(2);
  return hostname === base || hostname.endsWith(`.${base}`);
}

/**
 * True for an https URL on one of the platform's image hosts at the default port. Checked on the parsed
 * URL: `https://pbs.twimg.com:8443/…` or `https://pbs.twimg.com.evil.example/…` are not the platform's.
 */
export function isPlatformImageUrl(platform: Platform, url: string, base?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.port === '' && parsed.username === '' && parsed.password === '' && IMAGE_HOSTS[platform].some((pattern) => hostMatches(pattern, parsed.hostname));
}

/** The host_permissions entries the image hosts need. */
export function imageHostPermissions(): string[] {
  return Object.values(IMAGE_HOSTS).flatMap((hosts) => hosts.map((host) => `https://${host}/*`));
}
