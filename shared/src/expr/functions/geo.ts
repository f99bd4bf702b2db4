import { isNodeSet, toText, type Value } from '../values.js';
import type { FunctionTable } from './types.js';

/**
 * area() and distance() as ODK computes them: on a sphere of the Earth's equatorial radius, results
 * rounded to the centimetre; geofence(point, shape): whether a point lies inside a shape.
 */

const EARTH_RADIUS_M = 6_378_100;

interface Point {
  readonly lat: number;
  readonly lon: number;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

function parsePoint(text: string): Point | null {
  const parts = text.trim().split(/\s+/);
  if (parts.length < 2 || parts.length > 4) return null;
  const lat = Number(parts[0]);
  const lon = Number(parts[1]);
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon };
}

/** The points of geopoint, geotrace or geoshape values (`lat lon alt acc; …`); null when one is not a point. */
export function pointsOf(values: readonly Value[]): Point[] | null {
  const texts = values.flatMap((v) => (isNodeSet(v) ? v.values.map(toText) : [toText(v)]));
  const points: Point[] = [];
  for (const text of texts) {
    for (const part of text.split(';')) {
      if (part.trim() === '') continue;
      const p = parsePoint(part);
      if (!p) return null;
      points.push(p);
    }
  }
  return points;
}

const round2 = (x: number) => (x === 0 ? 0 : Math.round(x * 100) / 100);

export function distanceOf(points: readonly Point[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const cos =
      Math.sin(rad(a.lat)) * Math.sin(rad(b.lat)) +
      Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.cos(rad(a.lon - b.lon));
    total += Math.acos(Math.min(1, Math.max(-1, cos))) * EARTH_RADIUS_M;
  }
  return Math.abs(round2(total));
}

export function areaOf(points: readonly Point[]): number {
  if (points.length < 3) return 0;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const ring = first.lat === last.lat && first.lon === last.lon ? points : [...points, first];
  let total = 0;
  for (let i = 1; i < ring.length; i++) {
    const a = ring[i - 1]!;
    const b = ring[i]!;
    total += rad(b.lon - a.lon) * (2 + Math.sin(rad(b.lat)) + Math.sin(rad(a.lat)));
  }
  return Math.abs(round2((total * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2));
}

function inside(point: Point, shape: readonly Point[]): boolean {
  let result = false;
  for (let i = 1; i < shape.length; i++) {
    const a = shape[i - 1]!;
    const b = shape[i]!;
    if (
      b.lat > point.lat !== a.lat > point.lat &&
      point.lon < ((a.lon - b.lon) * (point.lat - b.lat)) / (a.lat - b.lat) + b.lon
    )
      result = !result;
  }
  return result;
}

export const GEO_FUNCTIONS: FunctionTable = {
  area: (ev, { args }) => {
    const points = pointsOf(args.map((a) => ev.value(a)));
    return points ? areaOf(points) : 0;
  },
  distance: (ev, call) => {
    const points = pointsOf(call.args.map((a) => ev.value(a)));
    if (!points || points.length === 0) {
      ev.problem('invalid-argument', call, 'distance() needs geopoints');
      return NaN;
    }
    return distanceOf(points);
  },
  geofence: (ev, { args }) => {
    const point = pointsOf([ev.value(args[0]!)]);
    const shape = pointsOf([ev.value(args[1]!)]);
    if (!point || point.length !== 1 || !shape || shape.length < 4) return false;
    return inside(point[0]!, shape);
  },
};
