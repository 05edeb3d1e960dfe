import { ref, type SeedRecord } from './seed-types.ts';

/**
 * The sites of a demo operator in the Gulf of Guinea. Bases sit in the real supply ports
 * (Douala, Port-Gentil, Pointe-Noire, Malabo, Luba, Onne, Warri, Luanda, Soyo, Takoradi,
 * Abidjan); fields, platforms, FPSOs, flow stations and terminals are invented, placed in the
 * real basins (Rio del Rey, offshore Gabon, Lower Congo, Bioko, Niger Delta, Lower Congo
 * deep water). Coordinates are WGS 84 degrees, good to a few kilometres.
 */

type Kind = 'base' | 'field' | 'offshore' | 'fpso' | 'onshore' | 'terminal';

/** Every country of the seed, with the IANA time zone of its sites. */
export const TIME_ZONES = {
  CM: 'Africa/Douala',
  GA: 'Africa/Libreville',
  CG: 'Africa/Brazzaville',
  GQ: 'Africa/Malabo',
  NG: 'Africa/Lagos',
  AO: 'Africa/Luanda',
  GH: 'Africa/Accra',
  CI: 'Africa/Abidjan',
} as const;
type Country = keyof typeof TIME_ZONES;

interface SiteRow {
  code: string;
  kind: Kind;
  name: string;
  country: Country;
  at: [number, number];
  beds?: number;
  /** The code of the site this one belongs to (a field); listed before it. */
  parent?: string;
  inactive?: true;
}

// One site a line: a table reads better than prettier's one-field-a-line objects.
// prettier-ignore
const SITES: SiteRow[] = [
  // Cameroon
  { code: 'CM-DLA-BASE', kind: 'base', name: 'Base logistique de Douala – Bonabéri', country: 'CM', at: [4.0745, 9.668], beds: 60 },
  { code: 'CM-LMB-BASE', kind: 'base', name: 'Base avancée de Limbé', country: 'CM', at: [4.013, 9.212], beds: 40 },
  { code: 'CM-KRI-TERM', kind: 'terminal', name: 'Terminal pétrolier de Kribi', country: 'CM', at: [2.935, 9.915], beds: 30 },
  { code: 'CM-ESK-FLD', kind: 'field', name: "Champ d'Essoka (Rio del Rey)", country: 'CM', at: [4.4, 8.78] },
  { code: 'CM-ESK-P1', kind: 'offshore', name: 'Plateforme Essoka P1', country: 'CM', at: [4.41, 8.77], beds: 60, parent: 'CM-ESK-FLD' },
  { code: 'CM-ESK-P2', kind: 'offshore', name: 'Plateforme Essoka P2', country: 'CM', at: [4.385, 8.795], beds: 24, parent: 'CM-ESK-FLD' },
  // Gabon
  { code: 'GA-POG-BASE', kind: 'base', name: 'Base logistique de Port-Gentil', country: 'GA', at: [-0.7193, 8.7815], beds: 150 },
  { code: 'GA-MDJ-TERM', kind: 'terminal', name: 'Terminal de Mandji Sud', country: 'GA', at: [-0.81, 8.78], beds: 40 },
  { code: 'GA-OBA-FLD', kind: 'field', name: "Champ d'Obando", country: 'GA', at: [-1.15, 8.6] },
  { code: 'GA-OBA-PA', kind: 'offshore', name: 'Plateforme Obando A', country: 'GA', at: [-1.14, 8.585], beds: 72, parent: 'GA-OBA-FLD' },
  { code: 'GA-OBA-PB', kind: 'offshore', name: 'Plateforme Obando B (arrêtée)', country: 'GA', at: [-1.165, 8.62], beds: 16, parent: 'GA-OBA-FLD', inactive: true },
  { code: 'GA-NYA-ONS', kind: 'onshore', name: 'Centre de production de la Nyanga', country: 'GA', at: [-2.65, 10.0], beds: 120 },
  // Republic of the Congo
  { code: 'CG-PNR-BASE', kind: 'base', name: 'Base logistique de Pointe-Noire', country: 'CG', at: [-4.78, 11.835], beds: 120 },
  { code: 'CG-KOU-TERM', kind: 'terminal', name: 'Terminal du Kouilou', country: 'CG', at: [-4.64, 11.79], beds: 35 },
  { code: 'CG-LOE-FLD', kind: 'field', name: 'Champ de Loémé Marine', country: 'CG', at: [-5.1, 11.45] },
  { code: 'CG-LOE-FPSO', kind: 'fpso', name: 'FPSO Loémé', country: 'CG', at: [-5.12, 11.43], beds: 110, parent: 'CG-LOE-FLD' },
  { code: 'CG-LOE-WHP1', kind: 'offshore', name: 'Plateforme de têtes de puits Loémé WHP-1', country: 'CG', at: [-5.085, 11.47], beds: 12, parent: 'CG-LOE-FLD' },
  // Equatorial Guinea
  { code: 'GQ-MAL-BASE', kind: 'base', name: 'Base logística de Malabo', country: 'GQ', at: [3.755, 8.78], beds: 50 },
  { code: 'GQ-LUB-BASE', kind: 'base', name: 'Base logística de Luba', country: 'GQ', at: [3.457, 8.552], beds: 100 },
  { code: 'GQ-BAN-FLD', kind: 'field', name: 'Campo Baney Marino', country: 'GQ', at: [3.95, 8.35] },
  { code: 'GQ-BAN-FPSO', kind: 'fpso', name: 'FPSO Baney', country: 'GQ', at: [3.96, 8.34], beds: 90, parent: 'GQ-BAN-FLD' },
  // Nigeria
  { code: 'NG-ONN-BASE', kind: 'base', name: 'Onne Logistics Base', country: 'NG', at: [4.715, 7.155], beds: 150 },
  { code: 'NG-WRI-BASE', kind: 'base', name: 'Warri Shore Base', country: 'NG', at: [5.517, 5.75], beds: 80 },
  { code: 'NG-AND-TERM', kind: 'terminal', name: 'Andoni Crude Export Terminal', country: 'NG', at: [4.48, 7.38], beds: 60 },
  { code: 'NG-NDN-ONS', kind: 'onshore', name: 'Ndoni North Flow Station', country: 'NG', at: [5.55, 6.59], beds: 20 },
  { code: 'NG-IWK-FLD', kind: 'field', name: 'Iwoko Deep Field', country: 'NG', at: [3.7, 4.9] },
  { code: 'NG-IWK-FPSO', kind: 'fpso', name: 'Iwoko FPSO', country: 'NG', at: [3.705, 4.895], beds: 120, parent: 'NG-IWK-FLD' },
  // Angola
  { code: 'AO-LAD-BASE', kind: 'base', name: 'Base logística de Luanda', country: 'AO', at: [-8.795, 13.245], beds: 60 },
  { code: 'AO-SOY-BASE', kind: 'base', name: 'Base logística do Soyo', country: 'AO', at: [-6.125, 12.355], beds: 120 },
  { code: 'AO-MUS-FLD', kind: 'field', name: 'Campo Mussulo Profundo', country: 'AO', at: [-7.6, 11.9] },
  { code: 'AO-MUS-FPSO', kind: 'fpso', name: 'FPSO Mussulo', country: 'AO', at: [-7.61, 11.88], beds: 140, parent: 'AO-MUS-FLD' },
  // Ghana and Côte d'Ivoire: the western end of the Gulf, one hour behind the rest (UTC+0).
  { code: 'GH-TKD-BASE', kind: 'base', name: 'Takoradi Logistics Base', country: 'GH', at: [4.895, -1.755], beds: 60 },
  { code: 'CI-ABJ-BASE', kind: 'base', name: "Base logistique d'Abidjan – Vridi", country: 'CI', at: [5.258, -4.01], beds: 40 },
];

export const siteExternalId = (code: string) => `CORE-SITE-${code}`;

export function siteRecords(): SeedRecord[] {
  return SITES.map((s) => ({
    external_id: siteExternalId(s.code),
    code: s.code,
    name: s.name,
    kind: s.kind,
    ...(s.parent && { parent: ref(siteExternalId(s.parent)) }),
    country: s.country,
    location: { latitude: s.at[0], longitude: s.at[1] },
    ...(s.beds !== undefined && { pob_capacity: s.beds }),
    time_zone: TIME_ZONES[s.country],
    is_active: !s.inactive,
  }));
}
