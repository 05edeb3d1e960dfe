import { parseDecimal } from './locale-number.ts';

/** A position as the engine stores it: WGS 84 degrees. */
export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export type CoordinateError = 'not_a_number' | 'out_of_range' | 'missing';

const LIMIT = { latitude: 90, longitude: 180 } as const;

/** One coordinate typed by the user, in their language; null when the field is left empty. */
export function parseCoordinate(
  text: string,
  axis: keyof GeoPoint,
  lang: string,
): { ok: true; value: number | null } | { ok: false; code: CoordinateError } {
  const parsed = parseDecimal(text, lang);
  if (!parsed.ok) return { ok: false, code: 'not_a_number' };
  if (parsed.value !== null && Math.abs(parsed.value) > LIMIT[axis]) return { ok: false, code: 'out_of_range' };
  return parsed;
}

/**
 * Both inputs as the value to store: a point, null when both are empty, or the errors of each
 * (one given without the other is `missing`).
 */
export function readPoint(
  latitude: string,
  longitude: string,
  lang: string,
): { point: GeoPoint | null; errors: Partial<Record<keyof GeoPoint, CoordinateError>> } {
  const lat = parseCoordinate(latitude, 'latitude', lang);
  const lng = parseCoordinate(longitude, 'longitude', lang);
  const errors: Partial<Record<keyof GeoPoint, CoordinateError>> = {};
  if (!lat.ok) errors.latitude = lat.code;
  if (!lng.ok) errors.longitude = lng.code;
  if (lat.ok && lng.ok) {
    if (lat.value === null && lng.value === null) return { point: null, errors };
    if (lat.value === null) errors.latitude = 'missing';
    if (lng.value === null) errors.longitude = 'missing';
    if (lat.value !== null && lng.value !== null)
      return { point: { latitude: lat.value, longitude: lng.value }, errors };
  }
  return { point: null, errors };
}

export const isGeoPoint = (v: unknown): v is GeoPoint =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as GeoPoint).latitude === 'number' &&
  typeof (v as GeoPoint).longitude === 'number' &&
  Math.abs((v as GeoPoint).latitude) <= 90 &&
  Math.abs((v as GeoPoint).longitude) <= 180;

/** Where a point falls on a `width` × `height` plate carrée (longitude left to right, north up). */
export function project(p: GeoPoint, width: number, height: number): { x: number; y: number } {
  return { x: ((p.longitude + 180) / 360) * width, y: ((90 - p.latitude) / 180) * height };
}

/** OpenStreetMap at the point, for the "open in a map" link (opened in a new tab, never fetched). */
export function externalMapUrl(p: GeoPoint, zoom = 12): string {
  const lat = p.latitude.toFixed(6);
  const lng = p.longitude.toFixed(6);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=${zoom}/${lat}/${lng}`;
}
