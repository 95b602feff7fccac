import { describe, expect, it } from 'vitest';
import { commentTime } from '../../../src/core/text/time.ts';

const seenAt = '2021-06-08T10:00:00.000Z'; // a Tuesday
const at = (publishedText: string) => {
  const t = commentTime({ publishedText, seenAt });
  return t && { iso: new Date(t.ms).toISOString(), precisionMs: t.precisionMs, source: t.source };
};

describe("Facebook's calendar-style times", () => {
  it('reads "last Thu" and "on Thu" as the most recent Thursday, to the day', () => {
    expect(at('last Thu')).toEqual({ iso: '2021-06-03T12:00:00.000Z', precisionMs: 86_400_000, source: 'relative' });
    expect(at('on Thu')?.iso).toBe('2021-06-03T12:00:00.000Z');
    expect(at('last Wed')?.iso).toBe('2021-06-02T12:00:00.000Z');
  });

  it('reads clock times to the minute', () => {
    expect(at('Yesterday at 14:05')).toEqual({ iso: '2021-06-07T14:05:00.000Z', precisionMs: 60_000, source: 'relative' });
    expect(at('last Thu at 9:12 PM')?.iso).toBe('2021-06-03T21:12:00.000Z');
    expect(at('Today at 9:00')?.iso).toBe('2021-06-08T09:00:00.000Z');
  });

  it('reads dates with and without a year, and does not mistake "6:00 AM" for minutes', () => {
    expect(at('June 4 at 6:00 AM')?.iso).toBe('2021-06-04T06:00:00.000Z');
    expect(at('Jun 3 at 6:00 AM')?.iso).toBe('2021-06-03T06:00:00.000Z');
    expect(at('December 24')?.iso).toBe('2020-12-24T12:00:00.000Z');
    expect(at('3 March 2019')?.iso).toBe('2019-03-03T12:00:00.000Z');
  });

  it('still reads the short relative forms and rejects impossible dates', () => {
    expect(at('3 hrs')?.iso).toBe('2021-06-08T07:00:00.000Z');
    expect(at('5 mins')?.precisionMs).toBe(60_000);
    expect(at('Feb 30')?.source).toBe('seen');
  });
});
