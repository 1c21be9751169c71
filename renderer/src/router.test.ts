import { describe, expect, it } from 'vitest';
import { HOME, parseRoute, route, routeToHash, sameRoute } from './router';

describe('router', () => {
  it('parses the home route from an empty or root hash', () => {
    expect(parseRoute('')).toEqual(HOME);
    expect(parseRoute('#/')).toEqual(HOME);
    expect(parseRoute('#')).toEqual(HOME);
  });

  it('parses a room plan route and keeps the colon of prefixed ids readable', () => {
    expect(parseRoute('#/rooms/room:0001/plan')).toEqual({ name: 'roomPlan', roomId: 'room:0001' });
    expect(routeToHash(route('roomPlan', { roomId: 'room:0001' }))).toBe('#/rooms/room:0001/plan');
  });

  it('round-trips ids with characters that need escaping', () => {
    const r = route('roomPlan', { roomId: 'hall A/1 é' });
    expect(parseRoute(routeToHash(r))).toEqual(r);
  });

  it('falls back to home for unknown or malformed routes', () => {
    expect(parseRoute('#/rooms//plan')).toEqual(HOME);
    expect(parseRoute('#/nowhere')).toEqual(HOME);
    expect(parseRoute('#/rooms/%E0%A4%A/plan')).toEqual(HOME);
  });

  it('compares routes by their URL', () => {
    expect(sameRoute(route('roomPlan', { roomId: 'a' }), parseRoute('#/rooms/a/plan'))).toBe(true);
    expect(sameRoute(HOME, route('roomPlan', { roomId: 'a' }))).toBe(false);
  });
});
