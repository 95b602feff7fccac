/**
 * One list of image hosts: the avatar URL checks use it, and the manifest asks for exactly those hosts
 * (plus the pages the content scripts run on). URLs are judged by parsed host and default port.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMAGE_HOSTS, imageHostPermissions, isPlatformImageUrl } from '../../../src/platforms/image-hosts.ts';
import { adapterFor } from '../../../src/platforms/index.ts';
import { commentEndpointKind } from '../../../src/platforms/page-json.ts';
import { sanitizeRecord } from '../../../src/platforms/adapter.ts';
import type { Platform } from '../../../src/core/types.ts';
import { REPO_ROOT } from '../../helpers/shared.ts';

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'manifest.json'), 'utf8')) as { host_permissions: string[]; content_scripts: { matches: string[] }[] };

describe('image hosts and host_permissions from one list', () => {
  it('host_permissions are the content-script pages plus the image hosts, nothing else', () => {
    const pages = new Set(manifest.content_scripts.flatMap((c) => c.matches));
    expect(new Set(manifest.host_permissions)).toEqual(new Set([...pages, ...imageHostPermissions()]));
  });

  it('every listed host passes its platform adapter, and only its own', () => {
    for (const platform of Object.keys(IMAGE_HOSTS) as Platform[]) {
      for (const pattern of IMAGE_HOSTS[platform]) {
        const url = `https://${pattern.replace('*.', 'scontent.xx.')}/profile/pic.jpg`;
        for (const other of Object.keys(IMAGE_HOSTS) as Platform[]) expect(adapterFor(other).isAvatarHost(url), `${other} ${url}`).toBe(other === platform);
      }
    }
  });

  it('checks the parsed host and the default port', () => {
    expect(isPlatformImageUrl('x', 'https://pbs.twimg.com/profile_images/1/a_normal.jpg')).toBe(true);
    expect(isPlatformImageUrl('x', 'https://pbs.twimg.com:443/profile_images/1/a_normal.jpg')).toBe(true);
    for (const url of [
      'https://pbs.twimg.com:8443/profile_images/1/a_normal.jpg',
      'http://pbs.twimg.com/profile_images/1/a_normal.jpg',
      'https://pbs.twimg.com.evil.example/a.jpg',
      'https://evil.example/pbs.twimg.com/a.jpg',
      'https://user:pw@pbs.twimg.com/a.jpg',
      'https://evil.example/?u=https://pbs.twimg.com/a.jpg',
    ]) {
      expect(isPlatformImageUrl('x', url), url).toBe(false);
      expect(adapterFor('x').isAvatarHost(url), url).toBe(false);
    }
    expect(adapterFor('youtube').isAvatarHost('https://yt3.ggpht.com:444/abc=s88')).toBe(false);
    expect(adapterFor('facebook').isAvatarHost('https://scontent.fbcdn.net:8080/v/a.jpg')).toBe(false);
    expect(adapterFor('facebook').isAvatarHost('https://fbcdn.net.evil.example/v/a.jpg')).toBe(false);
  });

  it('profile URLs and comment endpoints on another port are not the platform', () => {
    const record = sanitizeRecord(
      {
        platform: 'x',
        threadId: '1',
        commentId: '2',
        author: { id: '3', profileUrl: 'https://x.com:8443/someone', avatarUrl: 'https://pbs.twimg.com:8443/profile_images/1/a.jpg' },
        text: 'hi',
        seenAt: '2026-11-30T00:00:00.000Z',
        source: 'dom',
      },
      adapterFor('x'),
    );
    expect(record?.author.profileUrl).toBeUndefined();
    expect(record?.author.avatarUrl).toBeUndefined();
    expect(commentEndpointKind('https://www.youtube.com:8443/youtubei/v1/next', 'https://www.youtube.com/watch?v=x')).toBeNull();
    expect(commentEndpointKind('https://www.youtube.com/youtubei/v1/next', 'https://www.youtube.com/watch?v=x')).toBe('youtube-next');
  });
});
