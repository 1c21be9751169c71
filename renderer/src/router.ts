/**
 * Hash routes, so a view can be bookmarked and Back/Forward work: `#/` is the start screen (no
 * project) or the project overview, `#/rooms/<roomId>/plan` a room's plan, `#/rooms/<roomId>/3d`
 * its 3D view, `#/racks/<rackId>` a rack's elevation.
 *
 * Routes are a table of path patterns; adding a view is one entry here plus its case in the Route
 * union. Pure, tested in router.test.ts.
 */

export type Route =
  | { name: 'home' }
  | { name: 'roomPlan'; roomId: string }
  | { name: 'room3d'; roomId: string }
  | { name: 'rack'; rackId: string }
  | { name: 'capacity' }
  | { name: 'roomCapacity'; roomId: string };

export type RouteName = Route['name'];

type RouteParams<N extends RouteName> = Omit<Extract<Route, { name: N }>, 'name'>;

/** Path patterns by route; `:param` segments capture a value. The first match wins. */
const ROUTE_PATTERNS: { [N in RouteName]: string } = {
  home: '/',
  roomPlan: '/rooms/:roomId/plan',
  room3d: '/rooms/:roomId/3d',
  rack: '/racks/:rackId',
  // Power & capacity (renderer/src/power): the whole site, or one room's tables.
  capacity: '/capacity',
  roomCapacity: '/rooms/:roomId/capacity',
};

export const HOME: Route = { name: 'home' };

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** Ids such as `room:0001` keep their colon (legal in a fragment) so URLs stay readable. */
function encodeSegment(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ':');
}

function decodeSegment(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  const parts = segments(path);
  for (const [name, pattern] of Object.entries(ROUTE_PATTERNS) as [RouteName, string][]) {
    const want = segments(pattern);
    if (want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < want.length && ok; i++) {
      const w = want[i]!;
      const p = parts[i]!;
      if (w.startsWith(':')) {
        const decoded = decodeSegment(p);
        if (decoded === null || decoded === '') ok = false;
        else params[w.slice(1)] = decoded;
      } else if (w !== p) {
        ok = false;
      }
    }
    if (ok) return { name, ...params } as Route;
  }
  return HOME;
}

export function routeToHash(route: Route): string {
  const pattern = ROUTE_PATTERNS[route.name];
  const params = route as unknown as Record<string, string>;
  const path = segments(pattern).map((s) => (s.startsWith(':') ? encodeSegment(params[s.slice(1)] ?? '') : s)).join('/');
  return `#/${path}`;
}

export function route<N extends RouteName>(name: N, params: RouteParams<N>): Route {
  return { name, ...params } as Route;
}

export function sameRoute(a: Route, b: Route): boolean {
  return routeToHash(a) === routeToHash(b);
}

/** The views of a room, in tab order (keys 1, 2, 3, 4). */
export type RoomView = 'plan' | '3d' | 'rack' | 'capacity';

/** Which room view a route shows, or null for routes outside a room (home). */
export function roomViewOf(r: Route): RoomView | null {
  if (r.name === 'roomPlan') return 'plan';
  if (r.name === 'room3d') return '3d';
  if (r.name === 'rack') return 'rack';
  if (r.name === 'roomCapacity') return 'capacity';
  return null;
}

/** The route of a room in the same view as `current` (plan unless the 3D view is showing). */
export function roomRouteLike(current: Route, roomId: string): Route {
  if (current.name === 'roomCapacity' || current.name === 'capacity') return route('roomCapacity', { roomId });
  return current.name === 'room3d' ? route('room3d', { roomId }) : route('roomPlan', { roomId });
}
