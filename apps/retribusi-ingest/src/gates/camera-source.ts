import { ValidateBy, type ValidationOptions } from 'class-validator';

export type CameraSourceKind = 'hls' | 'http' | 'rtsp' | 'camera_id';

/** `camera_001`, `cam-lobby-2`: a letter, then letters, digits, `_` or `-` (3-64 characters). */
const CAMERA_ID = /^[A-Za-z][A-Za-z0-9_-]{2,63}$/;
const MAX_URL_LENGTH = 2048;

/**
 * What a gate's `camera` value is, per the document's note: an HLS URL (`.m3u8` over
 * HTTP(S)), another HTTP(S) URL, an RTSP URL, or a camera id. Anything else is null.
 */
export function classifyCameraSource(value: string): CameraSourceKind | null {
  if (value.length === 0 || value.length > MAX_URL_LENGTH || /\s/.test(value)) return null;
  if (CAMERA_ID.test(value)) return 'camera_id';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (!url.hostname) return null;
  if (url.protocol === 'rtsp:' || url.protocol === 'rtsps:') return 'rtsp';
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.pathname.toLowerCase().endsWith('.m3u8') ? 'hls' : 'http';
  return null;
}

export const CAMERA_MESSAGE = 'Must be an HLS/HTTP(S) URL, an RTSP URL or a camera id such as camera_001';

/** class-validator rule for `camera`: null or "" clears it (forms send an empty field); any other string must classify. */
export function IsCameraSource(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCameraSource',
      validator: {
        validate: (value: unknown) => value === null || value === '' || (typeof value === 'string' && classifyCameraSource(value) !== null),
        defaultMessage: () => CAMERA_MESSAGE,
      },
    },
    options,
  );
}
