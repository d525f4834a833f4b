import { Cron, CronPattern } from 'croner';

/**
 * Checks a timer schedule as Azure Functions reads it: NCRONTAB (the NCrontab library), six fields
 * `second minute hour day month day-of-week`, each `*`, a value, a range `a-b`, a list `a,b` or a
 * step (`a-b/n`, or `/n` after a `*`); months and days also by English name or its abbreviation (`Jan`, `Monday`),
 * day-of-week 0-6 with Sunday 0.
 *
 * The ranges, steps and names are checked by croner (a maintained, dependency-free cron parser) in
 * its six-part mode. croner accepts more than NCrontab does, so what NCrontab has no notion of is
 * refused here first: Quartz's `?`, `L`, `W` and `#`, and 7 for Sunday. Two schedules NCrontab
 * would take are refused as well, because they cannot be what the operator meant for the sweep:
 * one that never fires (30 February), which would switch drift detection off without a word, and
 * one that fires more than once a minute (`*` or a list in the seconds field), which would start a
 * sweep of every subscription each second and run into Resource Graph's throttling.
 *
 * A TimeSpan (`00:05:00`) is not taken either: Functions accepts it only on an App Service plan,
 * and this app is deployed on Flex Consumption (infra/app.bicep), where the timer refuses it.
 */
const FIELDS = ['second', 'minute', 'hour', 'day', 'month', 'day-of-week'] as const;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTH_FIELD = 4;
const DAY_OF_WEEK_FIELD = 5;

const TIME_SPAN = /^\d+(?:\.\d+)?:\d{1,2}(?::\d{1,2})?$/;
const QUARTZ_ONLY = /[?LW#]/i;
const FIELD_CHARACTERS = /^[0-9*,/-]+$/;
const NAMED_FIELD_CHARACTERS = /^[0-9A-Za-z*,/-]+$/;

/** Why `expression` is not a schedule for the sweep, or null when it is one. */
export function ncrontabProblem(expression: string): string | null {
  const trimmed = expression.trim();
  if (TIME_SPAN.test(trimmed)) {
    return 'is a TimeSpan (hh:mm:ss), which Functions accepts only on an App Service plan; this app runs on Flex Consumption, so give a six-field NCRONTAB such as 0 */30 * * * * (every 30 minutes)';
  }
  const fields = trimmed.split(/\s+/);
  if (fields.length !== FIELDS.length) {
    const hint = fields.length === 5 ? ' (a five-field cron lacks the seconds: put 0 in front)' : '';
    return `must have six fields (${FIELDS.join(' ')}), got ${fields.length}${hint}`;
  }
  const normalized: string[] = [];
  for (const [index, field] of fields.entries()) {
    const problem = fieldProblem(index, field);
    if (problem) return `${FIELDS[index]} field ${JSON.stringify(field)}: ${problem}`;
    normalized.push(index === MONTH_FIELD ? abbreviateNames(field, MONTHS) : index === DAY_OF_WEEK_FIELD ? abbreviateNames(field, DAYS) : field);
  }
  const pattern = normalized.join(' ');
  let parsed: CronPattern;
  try {
    parsed = new CronPattern(pattern, undefined, { mode: '6-part' });
  } catch (err) {
    return `is not valid NCRONTAB: ${(err instanceof Error ? err.message : String(err)).replace(/^CronPattern:\s*/, '')}`;
  }
  const perMinute = parsed.second.filter(Boolean).length;
  if (perMinute > 1) {
    return `would start the sweep ${perMinute} times a minute (seconds field ${JSON.stringify(fields[0])}); put a single second there, usually 0, as in 0 0 */6 * * *`;
  }
  // NCrontab requires both day and day-of-week to match (AND), unlike Vixie cron's OR.
  if (new Cron(pattern, { mode: '6-part', domAndDow: true }).nextRun() === null) {
    return 'never fires (no date matches its day, month and day-of-week), which would switch the drift sweep off';
  }
  return null;
}

function fieldProblem(index: number, field: string): string | null {
  const named = index === MONTH_FIELD || index === DAY_OF_WEEK_FIELD;
  // In the named fields, words are names (`Jul` holds an L); what is left must not be Quartz's.
  if (QUARTZ_ONLY.test(named ? field.replace(/[A-Za-z]{3,}/g, '') : field)) {
    return 'NCRONTAB has no ?, L, W or # (those are Quartz cron extensions)';
  }
  if (!(named ? NAMED_FIELD_CHARACTERS : FIELD_CHARACTERS).test(field)) {
    return named
      ? 'may hold only numbers, names, *, ranges (a-b), lists (a,b) and steps (*/n)'
      : 'may hold only numbers, *, ranges (a-b), lists (a,b) and steps (*/n)';
  }
  for (const word of field.match(/[A-Za-z]+/g) ?? []) {
    if (nameIndex(word, index === MONTH_FIELD ? MONTHS : DAYS) < 0) {
      return `${JSON.stringify(word)} is not an English ${index === MONTH_FIELD ? 'month' : 'day'} name or its abbreviation (three letters or more)`;
    }
  }
  if (index === DAY_OF_WEEK_FIELD) {
    // Values, not steps: in `*/7` the 7 is a step. NCrontab's days run 0-6; croner would take 7.
    const values = field.split(',').flatMap((item) => item.split('/')[0].split('-'));
    if (values.some((value) => /^\d+$/.test(value) && Number(value) > 6)) return 'days of the week run 0-6, Sunday being 0';
  }
  return null;
}

/** Index of the name `word` abbreviates (case-insensitive, three letters or more), or -1. */
function nameIndex(word: string, names: readonly string[]): number {
  const lower = word.toLowerCase();
  return lower.length >= 3 ? names.findIndex((name) => name.startsWith(lower)) : -1;
}

/** croner knows names only by their three-letter abbreviations. */
function abbreviateNames(field: string, names: readonly string[]): string {
  return field.replace(/[A-Za-z]+/g, (word) => names[nameIndex(word, names)].slice(0, 3));
}
