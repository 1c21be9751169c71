import { describe, expect, it } from 'vitest';
import { parseRoute, roomRouteLike, roomViewOf, route, routeToHash } from '../router';

describe('capacity routes', () => {
  it('parses the site and the room capacity views and writes them back', () => {
    expect(parseRoute('#/capacity')).toEqual({ name: 'capacity' });
    expect(parseRoute('#/rooms/room:hall-1/capacity')).toEqual({ name: 'roomCapacity', roomId: 'room:hall-1' });
    expect(routeToHash(route('roomCapacity', { roomId: 'room:hall-1' }))).toBe('#/rooms/room:hall-1/capacity');
    expect(routeToHash(route('capacity', {}))).toBe('#/capacity');
  });

  it('is the fourth view of a room, and moving to another room stays on it', () => {
    expect(roomViewOf(route('roomCapacity', { roomId: 'a' }))).toBe('capacity');
    expect(roomViewOf(route('capacity', {}))).toBeNull();
    expect(roomRouteLike(route('roomCapacity', { roomId: 'a' }), 'b')).toEqual({ name: 'roomCapacity', roomId: 'b' });
    expect(roomRouteLike(route('capacity', {}), 'b')).toEqual({ name: 'roomCapacity', roomId: 'b' });
    expect(roomRouteLike(route('roomPlan', { roomId: 'a' }), 'b')).toEqual({ name: 'roomPlan', roomId: 'b' });
  });
});
