import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { externalMapUrl, isGeoPoint, project, readPoint } from './geopoint.ts';

describe('geopoints', () => {
  it('reads both coordinates in the user’s language, or says what is wrong with each', () => {
    expect(readPoint('4,05', '9,7', 'fr')).toEqual({ point: { latitude: 4.05, longitude: 9.7 }, errors: {} });
    expect(readPoint('-33.9', '151.2', 'en').point).toEqual({ latitude: -33.9, longitude: 151.2 });
    expect(readPoint('', '', 'en')).toEqual({ point: null, errors: {} });
    expect(readPoint('91', '10', 'en').errors).toEqual({ latitude: 'out_of_range' });
    expect(readPoint('10', '-180.5', 'en').errors).toEqual({ longitude: 'out_of_range' });
    expect(readPoint('north', '10', 'en').errors).toEqual({ latitude: 'not_a_number' });
    expect(readPoint('10', '', 'en')).toEqual({ point: null, errors: { longitude: 'missing' } });
  });

  it('places any valid point inside the map', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        (latitude, longitude) => {
          const p = { latitude, longitude };
          expect(isGeoPoint(p)).toBe(true);
          const { x, y } = project(p, 360, 180);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(360);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(180);
        },
      ),
    );
    expect(project({ latitude: 0, longitude: 0 }, 360, 180)).toEqual({ x: 180, y: 90 });
    expect(project({ latitude: 90, longitude: -180 }, 360, 180)).toEqual({ x: 0, y: 0 });
  });

  it('links to an external map at the point', () => {
    expect(externalMapUrl({ latitude: 4.05, longitude: 9.7 })).toBe(
      'https://www.openstreetmap.org/?mlat=4.050000&mlon=9.700000#map=12/4.050000/9.700000',
    );
    expect(isGeoPoint({ latitude: 100, longitude: 0 })).toBe(false);
    expect(isGeoPoint(null)).toBe(false);
  });
});
