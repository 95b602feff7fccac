import { describe, expect, it } from 'vitest';
import { detectPage } from '../../../src/platforms/detect.ts';

const cases: [string, [string, string | null] | null][] = [
  // YouTube
  ['https://www.youtube.com/watch?v=xaQJbozY_Is', ['youtube', 'xaQJbozY_Is']],
  ['https://www.youtube.com/watch?v=xaQJbozY_Is&t=42s&lc=UgwSOM0QHBLysE3vZE54AaABAg', ['youtube', 'xaQJbozY_Is']],
  ['https://www.youtube.com/watch?app=desktop&v=QqsLTNkzvaY&list=PL123', ['youtube', 'QqsLTNkzvaY']],
  ['https://m.youtube.com/watch?v=bjFtFMilb34', ['youtube', 'bjFtFMilb34']],
  ['https://youtube.com/watch?v=bjFtFMilb34', ['youtube', 'bjFtFMilb34']],
  ['https://www.youtube.com/shorts/abcDEF12345', ['youtube', 'abcDEF12345']],
  ['https://www.youtube.com/live/abcDEF12345?si=x', ['youtube', 'abcDEF12345']],
  ['https://www.youtube.com/', ['youtube', null]],
  ['https://www.youtube.com/@kurzgesagt', ['youtube', null]],
  ['https://www.youtube.com/watch?v=tooShort', ['youtube', null]],
  ['https://www.youtube.com/results?search_query=cats', ['youtube', null]],
  ['https://youtu.be/xaQJbozY_Is', null],
  ['https://music.youtube.com/watch?v=xaQJbozY_Is', null],
  // X / Twitter
  ['https://x.com/XDevelopers/status/1649191520250245121', ['x', '1649191520250245121']],
  ['https://x.com/XDevelopers/status/1649191520250245121?s=20', ['x', '1649191520250245121']],
  ['https://x.com/XDevelopers/status/1649191520250245121/photo/1', ['x', '1649191520250245121']],
  ['https://twitter.com/XDevelopers/status/1649191520250245121', ['x', '1649191520250245121']],
  ['https://mobile.twitter.com/jack/status/20', ['x', '20']],
  ['https://x.com/i/web/status/1649191520250245121', ['x', '1649191520250245121']],
  ['https://x.com/i/status/1649191520250245121', ['x', '1649191520250245121']],
  ['https://x.com/home', ['x', null]],
  ['https://x.com/XDevelopers', ['x', null]],
  ['https://x.com/XDevelopers/status/notanumber', ['x', null]],
  // a search is one thread keyed by its query (records of what the search showed)
  ['https://x.com/search?q=status', ['x', 'search:status']],
  ['https://x.com/search?q=%20', ['x', null]],
  ['https://tweetdeck.twitter.com/', null],
  // Facebook
  ['https://www.facebook.com/story.php?story_fbid=4191173794300375&id=119240841493711', ['facebook', '4191173794300375']],
  ['https://m.facebook.com/story.php?story_fbid=4191173794300375&id=119240841493711', ['facebook', '4191173794300375']],
  ['https://www.facebook.com/story.php?story_fbid=pfbid0Abc123DEFghiJKLmnoPQRstu&id=100', ['facebook', 'pfbid0Abc123DEFghiJKLmnoPQRstu']],
  ['https://m.facebook.com/Nintendo/posts/4188053201279101', ['facebook', '4188053201279101']],
  ['https://www.facebook.com/Nintendo/posts/pfbid02AbCdEfGhIjKlMnOpQrStUvWxYz123456789abcdefl?__cft__[0]=x', ['facebook', 'pfbid02AbCdEfGhIjKlMnOpQrStUvWxYz123456789abcdefl']],
  ['https://www.facebook.com/permalink.php?story_fbid=123456789&id=987', ['facebook', '123456789']],
  ['https://www.facebook.com/groups/1234567890/posts/9876543210/', ['facebook', '9876543210']],
  ['https://www.facebook.com/groups/somegroup/permalink/9876543210/', ['facebook', '9876543210']],
  ['https://www.facebook.com/watch?v=1122334455', ['facebook', '1122334455']],
  ['https://www.facebook.com/watch/?v=1122334455', ['facebook', '1122334455']],
  ['https://www.facebook.com/Nintendo/videos/1122334455/', ['facebook', '1122334455']],
  ['https://www.facebook.com/reel/1122334455', ['facebook', '1122334455']],
  ['https://www.facebook.com/photo/?fbid=5566778899&set=a.1', ['facebook', '5566778899']],
  ['https://web.facebook.com/Nintendo/posts/4188053201279101', ['facebook', '4188053201279101']],
  ['https://www.facebook.com/', ['facebook', null]],
  ['https://www.facebook.com/Nintendo', ['facebook', null]],
  ['https://www.facebook.com/groups/1234567890', ['facebook', null]],
  // Elsewhere
  ['https://example.com/watch?v=xaQJbozY_Is', null],
  ['https://www.youtube.com.evil.example/watch?v=xaQJbozY_Is', null],
  ['not a url', null],
  ['', null],
  ['javascript:alert(1)', null],
];

describe('detectPage', () => {
  it.each(cases)('%s', (url, expected) => {
    const page = detectPage(url);
    if (expected === null) expect(page).toBeNull();
    else expect(page).toEqual({ platform: expected[0], threadId: expected[1], url });
  });
});
