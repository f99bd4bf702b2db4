import type { LocationRecord } from '@kusanya/server/repositories/locations';
import { placeName } from './names.js';
import { Random } from './random.js';

/** The 2025 administrative scheme: 5 provinces, 42 communes, 447 zones, 3,037 collines (DESIGN.md §2). */
export const SCHEME_2025 = { provinces: 5, communes: 42, zones: 447, collines: 3037 } as const;

const PROVINCES = [
  ['P01', 'Bujumbura'],
  ['P02', 'Buhumuza'],
  ['P03', 'Gitega'],
  ['P04', 'Burunga'],
  ['P05', 'Butanyerera'],
] as const;

/** Spreads `total` over `parts` as evenly as possible, the remainder to the first ones. */
function spread(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A synthetic location hierarchy with the counts of the 2025 scheme and the code pattern of the sample
 * hierarchy (P03 → C0301 → Z030101 → CL03010101), so the sample's codes (and demo users' areas) are part of
 * it. Every location is flagged as a sample and named "(synthetic)": it is not the real map.
 */
export function syntheticLocations(seed = 2025): LocationRecord[] {
  const rng = new Random(seed);
  const next = () => rng.next();
  const base = { scheme: '2025', validFrom: '2025-07-01', validTo: null, isSample: true } as const;
  const out: LocationRecord[] = [{ code: 'BI', name: 'Burundi', level: 'country', parentCode: null, ...base }];
  const communes = spread(SCHEME_2025.communes, SCHEME_2025.provinces);
  const zones = spread(SCHEME_2025.zones, SCHEME_2025.communes);
  const collines = spread(SCHEME_2025.collines, SCHEME_2025.zones);
  let communeIndex = 0;
  let zoneIndex = 0;
  PROVINCES.forEach(([p, name], pi) => {
    out.push({ code: p, name: `${name} (synthetic)`, level: 'province', parentCode: 'BI', ...base });
    for (let c = 1; c <= communes[pi]!; c += 1) {
      const commune = `C${p.slice(1)}${two(c)}`;
      out.push({ code: commune, name: `${placeName(next)} (synthetic)`, level: 'commune', parentCode: p, ...base });
      for (let z = 1; z <= zones[communeIndex]!; z += 1) {
        const zone = `Z${commune.slice(1)}${two(z)}`;
        out.push({ code: zone, name: `${placeName(next)} (synthetic)`, level: 'zone', parentCode: commune, ...base });
        for (let l = 1; l <= collines[zoneIndex]!; l += 1) {
          out.push({
            code: `CL${zone.slice(1)}${two(l)}`,
            name: `${placeName(next)} (synthetic)`,
            level: 'colline',
            parentCode: zone,
            ...base,
          });
        }
        zoneIndex += 1;
      }
      communeIndex += 1;
    }
  });
  return out;
}
