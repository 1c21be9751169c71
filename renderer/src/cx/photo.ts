/**
 * Photos from a file or the camera: downscaled in the renderer with a canvas to at most 2048 px
 * on the long side, as JPEG, before upload (cx.photo.put); the original goes along only when the
 * user chose to keep it. A site walk takes hundreds of photos: 12 MP originals would bloat the file.
 */
import { call } from '../api/client';

export const MAX_PHOTO_PX = 2048;

/** The size to draw at: the long side at most `max`, never enlarged. */
export function fitWithin(width: number, height: number, max = MAX_PHOTO_PX): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

async function loadImage(file: Blob): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function uploadPhoto(file: File, keepOriginal: boolean): Promise<string> {
  const img = await loadImage(file);
  const size = fitWithin(img.naturalWidth, img.naturalHeight);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2D is not available');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, size.width, size.height);
  ctx.drawImage(img, 0, 0, size.width, size.height);
  const jpeg = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('JPEG encoding failed'))), 'image/jpeg', 0.85));
  const data = toBase64(new Uint8Array(await jpeg.arrayBuffer()));
  // The file keeps only originals it can show back (JPEG, PNG, WebP); a HEIC original is not kept,
  // its JPEG copy is (the browser decoded it to draw the canvas).
  const keepable = (['image/jpeg', 'image/png', 'image/webp'] as const).find((m) => m === file.type);
  const original = keepOriginal && keepable ? { mime: keepable, dataBase64: toBase64(new Uint8Array(await file.arrayBuffer())) } : undefined;
  const { id } = await call('cx.photo.put', { mime: 'image/jpeg', dataBase64: data, width: size.width, height: size.height, ...(original ? { original } : {}) });
  return id;
}

const FILE_MIMES: Record<string, 'application/pdf' | 'text/csv' | 'text/plain'> = { pdf: 'application/pdf', csv: 'text/csv', txt: 'text/plain', log: 'text/plain' };

/**
 * A `file` item's attachment: pictures are downscaled like photos; a PDF, CSV or text file is
 * stored as it is (a start-up report must stay the document that was signed).
 */
export async function uploadFile(file: File, keepOriginal: boolean): Promise<string> {
  if (file.type.startsWith('image/')) return uploadPhoto(file, keepOriginal);
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  const mime = (Object.values(FILE_MIMES) as string[]).includes(file.type) ? (file.type as (typeof FILE_MIMES)[string]) : FILE_MIMES[ext];
  if (!mime) throw new Error(`${file.name}: attach a PDF, CSV, text file or a picture`);
  const { id } = await call('cx.file.put', { mime, dataBase64: toBase64(new Uint8Array(await file.arrayBuffer())) });
  return id;
}

/** `accept` for a file input from a template's extensions (["pdf", "png"] → ".pdf,.png"). */
export function acceptOf(extensions: readonly string[] | undefined, photo: boolean): string {
  if (photo || !extensions?.length) return photo ? 'image/*' : '.pdf,.csv,.txt,image/*';
  return extensions.map((e) => `.${e}`).join(',');
}

const urlCache = new Map<string, string>();

/** A data URL for a stored photo (cached: blobs never change). */
export async function photoUrl(id: string): Promise<string> {
  const hit = urlCache.get(id);
  if (hit) return hit;
  const p = await call('cx.photo.get', { id });
  const url = `data:${p.mime};base64,${p.dataBase64}`;
  urlCache.set(id, url);
  return url;
}
