import { describe, expect, it } from 'vitest';
import { isWardenError } from '../../src/errors';
import { EventGridNotifier, NOTIFY_TOPIC_ENDPOINT_SETTING, notifierFromEnv } from '../../src/notify';
import { TOPIC_ENDPOINT, fakeCredential } from './loopback-topic';

function configError(env: NodeJS.ProcessEnv): unknown {
  try {
    notifierFromEnv(env, fakeCredential());
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('notifierFromEnv', () => {
  it('turns notifications off when the topic endpoint setting is absent', () => {
    expect(notifierFromEnv({}, fakeCredential())).toBeUndefined();
  });

  it('treats a blank setting as absent, as an emptied app setting is', () => {
    expect(notifierFromEnv({ [NOTIFY_TOPIC_ENDPOINT_SETTING]: '  ' }, fakeCredential())).toBeUndefined();
  });

  it('builds an Event Grid notifier for an https topic endpoint', () => {
    expect(notifierFromEnv({ TRANSIT_WARDEN_NOTIFY_TOPIC_ENDPOINT: TOPIC_ENDPOINT }, fakeCredential())).toBeInstanceOf(EventGridNotifier);
  });

  it.each([
    ['a plain http URL', 'http://tw-notify.westeurope-1.eventgrid.azure.net/api/events'],
    ['a host without a scheme', 'tw-notify.westeurope-1.eventgrid.azure.net'],
    ['an access key pasted by mistake', 'sH2+3kWZq0p1Kx9Yb2c3D4e5F6g7H8i9J0kLmNoPqRs='],
    ['a URL carrying credentials', 'https://sender:key@tw-notify.westeurope-1.eventgrid.azure.net/api/events'],
  ])('refuses %s with INVALID_CONFIG naming the setting', (_, value) => {
    const err = configError({ TRANSIT_WARDEN_NOTIFY_TOPIC_ENDPOINT: value });
    expect(isWardenError(err, 'INVALID_CONFIG')).toBe(true);
    expect((err as Error).message).toContain(NOTIFY_TOPIC_ENDPOINT_SETTING);
  });

  it.each([
    ['an access key', 'sH2+3kWZq0p1Kx9Yb2c3D4e5F6g7H8i9J0kLmNoPqRs=', 'sH2+3kWZq0p1Kx9Yb2c3D4e5F6g7H8i9J0kLmNoPqRs='],
    ['a URL’s embedded password', 'https://sender:topsecretkey@tw-notify.westeurope-1.eventgrid.azure.net/api/events', 'topsecretkey'],
  ])('does not echo %s in the error', (_, value, secret) => {
    const err = configError({ TRANSIT_WARDEN_NOTIFY_TOPIC_ENDPOINT: value });
    expect(isWardenError(err, 'INVALID_CONFIG')).toBe(true);
    expect((err as Error).message).not.toContain(secret);
  });
});
