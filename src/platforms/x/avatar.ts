/**
 * X avatar URLs: https://pbs.twimg.com/profile_images/<numericId>/<hash>_<size>.<ext>, sizes _mini, _normal,
 * _bigger, _x96, _200x200, _400x400 or none (original). Default: abs.twimg.com/sticky/default_profile_images/.
 */
import { isPlatformImageUrl } from '../image-hosts.ts';

const SIZE_SUFFIX = /_(mini|normal|bigger|x96|reasonably_small|200x200|400x400)(?=\.[A-Za-z0-9]+$|$)/;

function parse(url: string): URL | null {
  try {
    return new URL(url, 'https://pbs.twimg.com/');
  } catch {
    return null;
  }
}

export function isXAvatarHost(url: string): boolean {
  return isPlatformImageUrl('x', url, 'https://pbs.twimg.com/');
}

export function isXDefaultAvatar(url: string): boolean {
  const parsed = parse(url);
  return !!parsed && parsed.pathname.includes('/default_profile_images/');
}

/** `<numericId>/<hash>` without size and extension. All default avatars share one identity. */
export function xAvatarIdentity(url: string): string {
  const parsed = parse(url);
  if (!parsed) return `x:${url}`;
  if (isXDefaultAvatar(url)) return 'x:default_profile';
  const path = parsed.pathname.replace(/\.[A-Za-z0-9]+$/, '').replace(SIZE_SUFFIX, '');
  return `x:${path.replace(/^\/profile_images\//, '')}`;
}

export function xBestAvatarUrl(url: string): string {
  const parsed = parse(url);
  if (!parsed || !isXAvatarHost(parsed.href)) return url;
  const path = parsed.pathname;
  if (!path.startsWith('/profile_images/') && !path.includes('/default_profile_images/')) return parsed.href;
  const extMatch = /(\.[A-Za-z0-9]+)$/.exec(path);
  const ext = extMatch ? extMatch[1]! : '';
  const stem = (ext ? path.slice(0, -ext.length) : path).replace(SIZE_SUFFIX, '');
  parsed.pathname = `${stem}_400x400${ext}`;
  parsed.search = '';
  return parsed.href;
}
