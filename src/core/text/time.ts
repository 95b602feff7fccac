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

/**
 * Facebook shows "Yesterday at 10:02" or "on Thu" / "Thu at 14:00" for the last week: an age in whole
 * days relative to the day the comment was seen (precision one day).
 */
export function parseWeekdayTime(text: string, seenMs: number): { ageMs: number; precisionMs: number } | undefined {
  const t = text.trim().toLowerCase();
  if (/^yesterday\b/.test(t)) return { ageMs: DAY, precisionMs: DAY };
  const m = /^(?:on\s+)?(sun|mon|tue|wed|thu|fri|sat)[a-z]*\.?(?:\s+at\s+\d{1,2}:\d{2}(?:\s*[ap]m)?)?$/.exec(t);
  if (!m) return undefined;
  const seenDay = new Date(seenMs).getUTCDay();
  const days = (seenDay - WEEKDAYS[m[1]] + 7) % 7 || 7;
  return { ageMs: days * DAY, precisionMs: DAY };
}

/** Best known time of a comment: absolute if given, else relative to when it was seen, else seen time. */
export function commentTime(rec: { publishedAt?: string; publishedText?: string; seenAt: string }): CommentTime | undefined {
  if (rec.publishedAt) {
    const ms = Date.parse(rec.publishedAt);
    if (Number.isFinite(ms)) return { ms, precisionMs: 1000, source: 'absolute' };
  }
  const seen = Date.parse(rec.seenAt);
  if (rec.publishedText && Number.isFinite(seen)) {
    const rel = parseRelativeTime(rec.publishedText) ?? parseWeekdayTime(rec.publishedText, seen);
    if (rel) return { ms: seen - rel.ageMs, precisionMs: rel.precisionMs, source: 'relative' };
  }
  if (Number.isFinite(seen)) return { ms: seen, precisionMs: 1000, source: 'seen' };
  return undefined;
}
