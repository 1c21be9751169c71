import { describe, expect, it } from 'vitest';
import { extractToken } from './http';

describe('extractToken', () => {
  it('takes the token out of the query and keeps the hash route', () => {
    expect(extractToken('http://127.0.0.1:4000/?token=abc123#/rooms/room:1/plan')).toEqual({
      token: 'abc123',
      cleanUrl: '/#/rooms/room:1/plan',
    });
  });

  it('keeps other query parameters', () => {
    expect(extractToken('http://127.0.0.1:4000/?debug=1&token=t#/')).toEqual({ token: 't', cleanUrl: '/?debug=1#/' });
  });

  it('returns no token when the URL has none', () => {
    expect(extractToken('http://127.0.0.1:4000/#/')).toEqual({ token: null, cleanUrl: '/#/' });
  });
});
