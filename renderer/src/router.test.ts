import { describe, expect, it } from 'vitest';
import { HOME, parseRoute, roomRouteLike, roomViewOf, route, routeToHash, sameRoute } from './router';

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

  it('parses the 3D view of a room and the rack elevation route', () => {
    expect(parseRoute('#/rooms/room:hall-1/3d')).toEqual({ name: 'room3d', roomId: 'room:hall-1' });
    expect(routeToHash(route('room3d', { roomId: 'room:hall-1' }))).toBe('#/rooms/room:hall-1/3d');
    expect(parseRoute('#/racks/rack:a01')).toEqual({ name: 'rack', rackId: 'rack:a01' });
    expect(routeToHash(route('rack', { rackId: 'rack:a01' }))).toBe('#/racks/rack:a01');
    expect(parseRoute('#/racks/rack:a01?focus=1')).toEqual({ name: 'rack', rackId: 'rack:a01' });
  });

  it('tells which room view a route shows and keeps the 3D view when moving to another room', () => {
    expect(roomViewOf(route('roomPlan', { roomId: 'a' }))).toBe('plan');
    expect(roomViewOf(route('room3d', { roomId: 'a' }))).toBe('3d');
    expect(roomViewOf(route('rack', { rackId: 'r' }))).toBe('rack');
    expect(roomViewOf(HOME)).toBeNull();
    expect(roomRouteLike(route('room3d', { roomId: 'a' }), 'b')).toEqual({ name: 'room3d', roomId: 'b' });
    expect(roomRouteLike(route('roomPlan', { roomId: 'a' }), 'b')).toEqual({ name: 'roomPlan', roomId: 'b' });
    expect(roomRouteLike(route('rack', { rackId: 'r' }), 'b')).toEqual({ name: 'roomPlan', roomId: 'b' });
  });

  it('round-trips ids with characters that need escaping', () => {
    const r = route('roomPlan', { roomId: 'hall A/1 é' });
    expect(parseRoute(routeToHash(r))).toEqual(r);
  });

  it('falls back to home for unknown or malformed routes', () => {
    expect(parseRoute('#/rooms//plan')).toEqual(HOME);
    expect(parseRoute('#/nowhere')).toEqual(HOME);
    expect(parseRoute('#/rooms/%E0%A4%A/plan')).toEqual(HOME);
    expect(parseRoute('#/rooms/a/4d')).toEqual(HOME);
    expect(parseRoute('#/racks/')).toEqual(HOME);
    expect(parseRoute('#/racks/a/b')).toEqual(HOME);
  });

  it('compares routes by their URL', () => {
    expect(sameRoute(route('roomPlan', { roomId: 'a' }), parseRoute('#/rooms/a/plan'))).toBe(true);
    expect(sameRoute(HOME, route('roomPlan', { roomId: 'a' }))).toBe(false);
  });
});
