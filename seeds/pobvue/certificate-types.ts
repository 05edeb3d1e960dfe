import type { SeedRecord } from '../core/seed-types.ts';

/**
 * The certificate types a Gulf of Guinea operator asks for. OPITO's BOSIET and its refresher
 * FOET include helicopter underwater escape training (HUET); the "T-" versions are their
 * tropical variants, the usual ones in West Africa. The medical is the offshore fitness
 * certificate of an approved doctor.
 */
type Category = 'offshore_survival' | 'offshore_medical' | 'huet' | 'h2s' | 'other';

interface TypeRow {
  code: string;
  name: string;
  category: Category;
  includesHuet?: true;
  months: number;
}

// prettier-ignore
export const CERTIFICATE_TYPES: TypeRow[] = [
  { code: 'BOSIET', name: 'OPITO BOSIET with CA-EBS (Basic Offshore Safety Induction and Emergency Training)', category: 'offshore_survival', includesHuet: true, months: 48 },
  { code: 'T-BOSIET', name: 'OPITO Tropical BOSIET with CA-EBS', category: 'offshore_survival', includesHuet: true, months: 48 },
  { code: 'FOET', name: 'OPITO FOET with CA-EBS (Further Offshore Emergency Training, BOSIET refresher)', category: 'offshore_survival', includesHuet: true, months: 48 },
  { code: 'T-FOET', name: 'OPITO Tropical FOET with CA-EBS', category: 'offshore_survival', includesHuet: true, months: 48 },
  { code: 'HUET', name: 'OPITO HUET with CA-EBS (Helicopter Underwater Escape Training)', category: 'huet', months: 48 },
  { code: 'MED-OFF', name: 'Offshore medical fitness certificate (approved doctor)', category: 'offshore_medical', months: 24 },
  { code: 'H2S', name: 'H2S awareness and breathing apparatus', category: 'h2s', months: 24 },
  { code: 'FIRST-AID', name: 'First aid at work', category: 'other', months: 36 },
  { code: 'WAH', name: 'Work at height', category: 'other', months: 36 },
];

export const certificateTypeId = (code: string) => `POB-CTYPE-${code}`;

export function certificateTypeRecords(): SeedRecord[] {
  return CERTIFICATE_TYPES.map((t) => ({
    external_id: certificateTypeId(t.code),
    code: t.code,
    name: t.name,
    category: t.category,
    includes_huet: t.includesHuet ?? false,
    validity_months: t.months,
    is_active: true,
  }));
}

export const typeByCode = (code: string) => CERTIFICATE_TYPES.find((t) => t.code === code)!;
