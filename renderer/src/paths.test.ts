import { describe, expect, it } from 'vitest';
import { basename, dirname, fileNameFor, joinPath, withProjectExtension } from './paths';

describe('paths', () => {
  it('joins with the separator the folder already uses', () => {
    expect(joinPath('/home/ana/Plenum', 'a.plenum')).toBe('/home/ana/Plenum/a.plenum');
    expect(joinPath('/', 'a.plenum')).toBe('/a.plenum');
    expect(joinPath('C:\\Users\\ana', 'a.plenum')).toBe('C:\\Users\\ana\\a.plenum');
  });

  it('splits names and folders of POSIX and Windows paths', () => {
    expect(basename('/home/ana/site.plenum')).toBe('site.plenum');
    expect(dirname('/home/ana/site.plenum')).toBe('/home/ana');
    expect(dirname('/site.plenum')).toBe('/');
    expect(basename('C:\\Users\\ana\\site.plenum')).toBe('site.plenum');
    expect(dirname('C:\\site.plenum')).toBe('C:\\');
  });

  it('adds the .plenum extension once', () => {
    expect(withProjectExtension('site')).toBe('site.plenum');
    expect(withProjectExtension('site.PLENUM')).toBe('site.PLENUM');
  });

  it('makes safe file names from project names', () => {
    expect(fileNameFor('Paris DC1: Hall A/B')).toBe('Paris DC1- Hall A-B.plenum');
    expect(fileNameFor('  ')).toBe('Untitled.plenum');
    expect(fileNameFor('Site', '.json')).toBe('Site.json');
  });
});
