import { describe, expect, it } from 'vitest';
import { ncrontabProblem } from '../src/ncrontab';

describe('ncrontabProblem', () => {
  // The examples of the Azure Functions timer documentation, and the forms it describes.
  it.each([
    '0 */5 * * * *',
    '0 0 * * * *',
    '0 0 */2 * * *',
    '0 0 9-17 * * *',
    '0 30 9 * * *',
    '0 30 9 * * 1-5',
    '0 30 9 * Jan Mon',
    '0 30 9 * January Monday',
    '0 30 9 * jan,JUL mon-fri',
    '0 0 0 1-31/2 * *',
    '30 5,35 */6 * * 0',
    '0 0 0 29 2 *',
    '0 0 */6 * * *',
  ])('accepts %s', (expression) => {
    expect(ncrontabProblem(expression)).toBeNull();
  });

  it.each([
    ['five fields', '0 */6 * * *', /must have six fields .* got 5 \(a five-field cron lacks the seconds: put 0 in front\)/],
    ['seven fields', '0 0 */6 * * * 2027', /must have six fields .* got 7$/],
    ['a TimeSpan', '00:05:00', /TimeSpan .* only on an App Service plan; this app runs on Flex Consumption/],
    ['a day TimeSpan', '1.00:00:00', /TimeSpan/],
    ['a second out of range', '60 * * * * *', /Invalid value for second: 60/],
    ['a day out of range', '0 0 0 32 * *', /Invalid value for day/],
    ['a zero step', '0 */0 * * * *', /illegal stepping/],
    ['a backwards range', '0 5-1 * * * *', /larger than to value/],
    ['Quartz ?', '0 0 0 ? * *', /NCRONTAB has no \?, L, W or #/],
    ['Quartz L in day-of-week', '0 0 0 * * 5L', /day-of-week field "5L": NCRONTAB has no/],
    ['Quartz #', '0 0 0 * * 1#2', /NCRONTAB has no/],
    ['Quartz W', '0 0 0 15W * *', /NCRONTAB has no/],
    ['7 for Sunday', '0 0 0 * * 7', /days of the week run 0-6, Sunday being 0/],
    ['a two-letter name', '0 0 0 * Ju *', /"Ju" is not an English month name/],
    ['a name that is none', '0 0 0 * * Funday', /"Funday" is not an English day name/],
    ['a name outside its field', '0 0 Mon * * *', /hour field "Mon": may hold only numbers/],
    ['a star in the seconds', '* 0 */6 * * *', /would start the sweep 60 times a minute/],
    ['a list in the seconds', '0,30 0 */6 * * *', /would start the sweep 2 times a minute/],
    ['30 February', '0 0 0 30 2 *', /never fires/],
    ['the 31st of a 30-day month on a Monday (both must match)', '0 0 0 31 4 1', /never fires/],
    ['an empty list item', '0 1,,2 * * * *', /is not valid NCRONTAB/],
  ])('refuses %s', (_, expression, message) => {
    expect(ncrontabProblem(expression)).toMatch(message);
  });
});
