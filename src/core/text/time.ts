/**
 * Comment times. Platforms give either an absolute time (X JSON) or a relative one as shown
 * ("3 hours ago", "vor 4 Jahren (bearbeitet)", "3小时前", "5m"). A relative time is only as precise
 * as its unit, and that precision decides whether it can show a burst of minutes.
 */

export interface CommentTime {
  /** ms since epoch (best estimate) */
  ms: number;
  /** how far off the estimate may be, ms */
  precisionMs: number;
  source: 'absolute' | 'relative' | 'seen';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const UNITS: [RegExp, number][] = [
  [/^(s|sec|secs|second|seconds|sekunde|sekunden|seconde|secondes|segundo|segundos|秒|秒钟|秒鐘)$/u, 1000],
  [/^(m|min|mins|minute|minutes|minuten|minuto|minutos|分|分钟|分鐘)$/u, MINUTE],
  [/^(h|hr|hrs|hour|hours|stunde|stunden|heure|heures|hora|horas|小时|小時|時間)$/u, HOUR],
  [/^(d|day|days|tag|tagen|tage|jour|jours|día|días|dia|dias|天|日)$/u, DAY],
  [/^(w|wk|week|weeks|woche|wochen|semaine|semaines|semana|semanas|周|週|星期)$/u, 7 * DAY],
  [/^(mo|month|months|monat|monaten|monate|mois|mes|meses|个月|個月|月)$/u, 30 * DAY],
  [/^(y|yr|year|years|jahr|jahren|jahre|an|ans|année|années|año|años|ano|anos|年)$/u, 365 * DAY],
];
const RELATIVE = /(?:^|\s)(\d+|an?|one|einem|einer|un|une|una)\s*(\p{L}+)/gu;

function unitMs(word: string): number | undefined {
  const w = word.toLowerCase();
  for (const [re, ms] of UNITS) if (re.test(w)) return ms;
  return undefined;
}

/** Parses a relative time as shown by the platforms into an age in ms with its precision. */
export function parseRelativeTime(text: string): { ageMs: number; precisionMs: number } | undefined {
  const cleaned = text.replace(/\(.*?\)/g, ' ').trim().toLowerCase();
  if (/^(just now|gerade eben|à l'instant|justo ahora|刚刚|剛剛)$/u.test(cleaned)) return { ageMs: 0, precisionMs: MINUTE };
  // CJK: "3小时前" has no space; split digits from the unit.
  for (const m of cleaned.replace(/(\d)([^\d\s])/gu, '$1 $2').matchAll(RELATIVE)) {
    const n = /^\d+$/.test(m[1]) ? Number(m[1]) : 1;
    // "3小时前" → unit "小时前": drop the trailing 前 when the word itself is not a unit.
    const unit = unitMs(m[2]) ?? unitMs(m[2].replace(/前$/u, ''));
    if (unit !== undefined) return { ageMs: n * unit, precisionMs: unit };
  }
  return undefined;
}

const WEEKDAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };
const CLOCK = String.raw`(?:\s+at\s+(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?)?`;
const DAY_WORD = new RegExp(`^(yesterday|today)${CLOCK}$`);
const WEEKDAY = new RegExp(`^(?:(on|last)\\s+)?(sun|mon|tue|wed|thu|fri|sat)[a-z]*\\.?${CLOCK}$`);
const MONTH_DAY = new RegExp(`^(?:on\\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s+(\\d{1,2})(?:,?\\s+(\\d{4}))?${CLOCK}$`);
const DAY_MONTH = new RegExp(`^(?:on\\s+)?(\\d{1,2})\\.?\\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?(?:,?\\s+(\\d{4}))?${CLOCK}$`);

function clockMs(h?: string, m?: string, ampm?: string): number | undefined {
  if (h === undefined || m === undefined) return undefined;
  let hour = Number(h) % 24;
  if (ampm) hour = (hour % 12) + (ampm.startsWith('p') ? 12 : 0);
  return hour * HOUR + Number(m) * MINUTE;
}

/**
 * Facebook's calendar-style times: "Yesterday at 14:05", "on Thu", "last Thu at 9:12 PM",
 * "June 4 at 6:00 AM", "3 March 2019". Facebook writes "on Thu" and "last Thu" for the most recent
 * such weekday (the saved m.facebook.com threads show both for comments on one post's first day).
 * A clock time is in the viewer's time zone, which the page does not say: it is read as UTC, so
 * the estimate may be off by that zone's offset, but comments of one thread (one viewer) stay
 * correctly spaced — what bursts need — and the precision is the minute. Without a clock time the
 * precision is the day.
 */
export function parseCalendarTime(text: string, seenMs: number): { ms: number; precisionMs: number } | undefined {
  const t = text.replace(/\(.*?\)/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  const seenDay = Math.floor(seenMs / DAY) * DAY;
  const place = (dayStart: number, clock: number | undefined) => (clock === undefined ? { ms: dayStart + DAY / 2, precisionMs: DAY } : { ms: dayStart + clock, precisionMs: MINUTE });
  let m = DAY_WORD.exec(t);
  if (m) return place(seenDay - (m[1] === 'yesterday' ? DAY : 0), clockMs(m[2], m[3], m[4]));
  m = WEEKDAY.exec(t);
  if (m) {
    const days = (new Date(seenMs).getUTCDay() - WEEKDAYS[m[2]] + 7) % 7 || 7;
    return place(seenDay - days * DAY, clockMs(m[3], m[4], m[5]));
  }
  let month: string | undefined;
  let day: string | undefined;
  let rest: RegExpExecArray | null = null;
  if ((rest = MONTH_DAY.exec(t))) [month, day] = [rest[1], rest[2]];
  else if ((rest = DAY_MONTH.exec(t))) [day, month] = [rest[1], rest[2]];
  if (!rest || !month || !day) return undefined;
  const seenYear = new Date(seenMs).getUTCFullYear();
  let year = rest[3] ? Number(rest[3]) : seenYear;
  let start = Date.UTC(year, MONTHS[month], Number(day));
  // Without a year the date is the last one before the page was seen.
  if (!rest[3] && start > seenMs) start = Date.UTC((year = seenYear - 1), MONTHS[month], Number(day));
  if (new Date(start).getUTCDate() !== Number(day)) return undefined;
  return place(start, clockMs(rest[4], rest[5], rest[6]));
}

/** Age form of `parseCalendarTime` for weekday times, kept for callers that want an age. */
export function parseWeekdayTime(text: string, seenMs: number): { ageMs: number; precisionMs: number } | undefined {
  const r = parseCalendarTime(text, seenMs);
  return r && { ageMs: Math.max(0, seenMs - r.ms), precisionMs: r.precisionMs };
}

/**
 * `Date.parse` for the form platforms and `toISOString` write (`2026-10-01T12:34:56.789Z`, with or
 * without milliseconds), read digit by digit: every comment has a time, and the engine's general
 * date parser costs about a microsecond and a half each. Anything else (other forms, days past the
 * 28th, years before 1000) goes to `Date.parse`, so the result is always the same.
 */
export function parseTimestamp(s: string): number {
  const n = s.length;
  if ((n !== 24 && n !== 20) || s.charCodeAt(n - 1) !== 0x5a || s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d || s.charCodeAt(10) !== 0x54 || s.charCodeAt(13) !== 0x3a || s.charCodeAt(16) !== 0x3a || (n === 24 && s.charCodeAt(19) !== 0x2e)) return Date.parse(s);
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  const ms = n === 24 ? digits(s, 20, 3) : 0;
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 28 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) return Date.parse(s);
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/** The decimal number of `count` digits at `from`, or -1 when one of them is not a digit. */
function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Best known time of a comment: absolute if given, else relative to when it was seen, else seen time. */
export function commentTime(rec: { publishedAt?: string; publishedText?: string; seenAt: string }): CommentTime | undefined {
  if (rec.publishedAt) {
    const ms = parseTimestamp(rec.publishedAt);
    if (Number.isFinite(ms)) return { ms, precisionMs: 1000, source: 'absolute' };
  }
  const seen = parseTimestamp(rec.seenAt);
  if (rec.publishedText && Number.isFinite(seen)) {
    // Calendar forms first: their patterns are anchored, and "6:00 AM" must not read as "a m(inute)".
    const calendar = parseCalendarTime(rec.publishedText, seen);
    if (calendar) return { ms: Math.min(seen, calendar.ms), precisionMs: calendar.precisionMs, source: 'relative' };
    const rel = parseRelativeTime(rec.publishedText);
    if (rel) return { ms: seen - rel.ageMs, precisionMs: rel.precisionMs, source: 'relative' };
  }
  if (Number.isFinite(seen)) return { ms: seen, precisionMs: 1000, source: 'seen' };
  return undefined;
}
