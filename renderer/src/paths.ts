/**
 * File path helpers for paths that main gives us: POSIX or Windows, decided by what the path
 * already contains, since the renderer cannot ask Node. Pure.
 */

export const PROJECT_EXTENSION = '.plenum';

function separatorOf(path: string): '/' | '\\' {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/';
}

export function joinPath(folder: string, name: string): string {
  const sep = separatorOf(folder);
  return folder.endsWith('/') || folder.endsWith('\\') ? `${folder}${name}` : `${folder}${sep}${name}`;
}

export function basename(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

export function dirname(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (i < 0) return '';
  if (i === 0) return path.slice(0, 1);
  // Keep a drive root such as C:\ whole.
  if (/^[A-Za-z]:$/.test(path.slice(0, i))) return path.slice(0, i + 1);
  return path.slice(0, i);
}

export function withProjectExtension(fileName: string): string {
  const trimmed = fileName.trim();
  return trimmed.toLowerCase().endsWith(PROJECT_EXTENSION) ? trimmed : `${trimmed}${PROJECT_EXTENSION}`;
}

/** A file name made from a project name: characters file systems refuse are replaced. */
export function fileNameFor(projectName: string, extension = PROJECT_EXTENSION): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const safe = projectName.trim().replace(/[<>:"/\\|?*\u0000-\u001f]+/g, '-').replace(/^[.\s]+|[.\s]+$/g, '');
  return `${safe || 'Untitled'}${extension}`;
}
