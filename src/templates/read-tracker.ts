/**
 * Which values a control read. A control is a pure function of the documents it is given, but
 * which fields it consults depends on the control (and on the values: client certificates look at
 * clientCertMode only when clientCertEnabled is true), so the template check lets it run on proxies
 * that note every read: a read that meets an unresolved marker makes the verdict unknown, and a read
 * that finds nothing names a property the template leaves to Azure's default.
 */
import type { Json, JsonObject } from '../core/json';

export interface ReadLog {
  /** Markers the control read. */
  markers: Set<string>;
  /** Dotted paths (from the tracked root) the control read and found absent. */
  absent: Set<string>;
}

export function newReadLog(): ReadLog {
  return { markers: new Set(), absent: new Set() };
}

/** `value` behind a read-only proxy that writes what is read to `log`; markers are strings `isMarker` knows. */
export function tracked<T extends JsonObject>(value: T, log: ReadLog, isMarker: (text: string) => boolean, prefix = ''): T {
  const cache = new Map<string, Json>();
  return new Proxy(value, {
    get(target, key, receiver) {
      const member: unknown = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || Array.isArray(target) && key === 'length') return member;
      const path = prefix ? `${prefix}.${key}` : key;
      if (member === undefined) {
        if (Object.prototype.hasOwnProperty.call(target, key) || !(key in Object.prototype)) log.absent.add(path);
        return member;
      }
      if (typeof member === 'string' && isMarker(member)) log.markers.add(member);
      if (member !== null && typeof member === 'object') {
        const hit = cache.get(key);
        if (hit !== undefined) return hit;
        const wrapped = tracked(member as JsonObject, log, isMarker, path);
        cache.set(key, wrapped);
        return wrapped;
      }
      return member;
    },
    set() {
      return false; // a control never writes to what it judges
    },
  });
}
