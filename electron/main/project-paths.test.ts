import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPathFromArgv, suggestedProjectFileName, withProjectExtension } from './project-paths';

const CWD = path.resolve('/home/ana/projects');

describe('the project named on the command line', () => {
  it('is the first .plenum argument, made absolute against the working directory', () => {
    expect(projectPathFromArgv(['/opt/Plenum/plenum', 'site.plenum'], CWD)).toBe(path.join(CWD, 'site.plenum'));
    expect(projectPathFromArgv(['/opt/Plenum/plenum', '/data/A.PLENUM', 'b.plenum'], CWD)).toBe(path.resolve('/data/A.PLENUM'));
  });

  it.skipIf(process.platform === 'win32')('accepts the file:// URLs Linux desktop launchers pass', () => {
    expect(projectPathFromArgv(['/opt/Plenum/plenum-app', 'file:///home/ana/My%20Site.plenum'], CWD)).toBe(path.resolve('/home/ana/My Site.plenum'));
    expect(projectPathFromArgv(['/opt/Plenum/plenum-app', 'file://remote-host/x.plenum'], CWD)).toBeUndefined();
  });

  it('skips the executable, the app folder and Chromium switches', () => {
    expect(projectPathFromArgv(['electron', '.', '--enable-logging', '--x=y.plenum', 'dc.plenum'], CWD)).toBe(path.join(CWD, 'dc.plenum'));
    expect(projectPathFromArgv(['x.plenum'], CWD)).toBeUndefined();
    expect(projectPathFromArgv(['electron', '/work/main', 'notes.txt'], CWD)).toBeUndefined();
  });
});

describe('file names suggested by the Save dialog', () => {
  it('come from the project name, with the extension added once', () => {
    expect(suggestedProjectFileName('Lyon DC1')).toBe('Lyon DC1.plenum');
    expect(suggestedProjectFileName('copy.plenum')).toBe('copy.plenum');
    expect(suggestedProjectFileName(undefined)).toBe('Untitled.plenum');
    expect(suggestedProjectFileName('   ')).toBe('Untitled.plenum');
  });

  it('replace characters no file system accepts', () => {
    expect(suggestedProjectFileName('Hall A/B: "cold" <aisle>?')).toBe('Hall A-B- -cold- -aisle--.plenum');
    expect(suggestedProjectFileName('tab\there')).toBe('tab-here.plenum');
  });

  it('add .plenum to a chosen path that lacks it', () => {
    expect(withProjectExtension('/tmp/site')).toBe('/tmp/site.plenum');
    expect(withProjectExtension('/tmp/site.Plenum')).toBe('/tmp/site.Plenum');
  });
});
