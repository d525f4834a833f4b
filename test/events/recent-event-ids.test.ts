import { describe, expect, it } from 'vitest';
import { RecentEventIds } from '../../src/events/recent-event-ids';

describe('RecentEventIds', () => {
  it('remembers ids it was given and nothing else', () => {
    const ids = new RecentEventIds(10);
    ids.add('a');
    expect(ids.has('a')).toBe(true);
    expect(ids.has('b')).toBe(false);
  });

  it('never holds more than its capacity, forgetting the least recently seen id first', () => {
    const ids = new RecentEventIds(2);
    ids.add('a');
    ids.add('b');
    expect(ids.has('a')).toBe(true); // a is now more recent than b
    ids.add('c');
    expect(ids.size).toBe(2);
    expect(ids.has('b')).toBe(false);
    expect(ids.has('a')).toBe(true);
    expect(ids.has('c')).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a capacity of %s at construction', (capacity) => {
    expect(() => new RecentEventIds(capacity)).toThrow(RangeError);
  });
});
