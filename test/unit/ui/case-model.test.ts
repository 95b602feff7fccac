import { describe, expect, it } from 'vitest';
import { safePlatformUrl, safeThreadUrl } from '../../../src/ui/report/case-model.ts';

describe('links built from stored page data', () => {
  it('keeps http(s) links on the platform’s own site', () => {
    expect(safePlatformUrl('youtube', 'https://www.youtube.com/@kurzgesagt')).toBe('https://www.youtube.com/@kurzgesagt');
    expect(safePlatformUrl('x', 'https://x.com/XDevelopers')).toBe('https://x.com/XDevelopers');
    expect(safePlatformUrl('facebook', 'https://m.facebook.com/profile.php?id=100068943456113')).toBe('https://m.facebook.com/profile.php?id=100068943456113');
  });

  it('drops script URLs, other sites and look-alike hosts', () => {
    expect(safePlatformUrl('youtube', 'javascript:alert(1)')).toBeUndefined();
    expect(safePlatformUrl('youtube', 'data:text/html,<script>alert(1)</script>')).toBeUndefined();
    expect(safePlatformUrl('x', 'https://x.com.evil.example/XDevelopers')).toBeUndefined();
    expect(safePlatformUrl('facebook', 'https://www.youtube.com/@someone')).toBeUndefined();
    expect(safePlatformUrl('youtube', 'not a url')).toBeUndefined();
  });

  it('rebuilds a thread link from its id when the stored one is unsafe', () => {
    expect(safeThreadUrl('youtube', 'xaQJbozY_Is', 'javascript:alert(1)')).toBe('https://www.youtube.com/watch?v=xaQJbozY_Is');
    expect(safeThreadUrl('x', '1649191520250245121')).toBe('https://x.com/i/status/1649191520250245121');
    expect(safeThreadUrl('facebook', '4191173794300375')).toBe('https://www.facebook.com/4191173794300375');
    expect(safeThreadUrl('facebook', 'pfbid"><script>')).toBeUndefined();
    expect(safeThreadUrl('youtube', 'a"b<c')).toBe('https://www.youtube.com/watch?v=a%22b%3Cc');
  });
});
