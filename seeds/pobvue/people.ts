import { ref, type SeedRecord } from '../core/seed-types.ts';
import { CERTIFICATE_TYPES, certificateTypeId, typeByCode } from './certificate-types.ts';
import { addDays, addMonths, type Rng } from './random.ts';

/**
 * People who may go on site, with their certificates. Names are invented from the name pools
 * of the countries of the Gulf of Guinea and of the usual expatriate countries. Most people
 * hold an offshore survival certificate and a medical; `expiring` of them have one that lapses
 * within 30 days of `today`, `expired` one that has already lapsed, and `unverified` a medical
 * the POB administration has not checked yet. Base staff hold none, some of them only HUET (the swamp flow station).
 */

// prettier-ignore
const NAMES: Record<string, { first: string[]; last: string[] }> = {
  CM: { first: ['Esther', 'Paul', 'Brice', 'Mireille', 'Hervé', 'Carine', 'Joël', 'Sandrine'], last: ['Nkoulou', 'Mbarga', 'Ebongue', 'Tchoupo', 'Fotso', 'Ngono', 'Essomba', 'Kamga'] },
  GA: { first: ['Arnaud', 'Murielle', 'Landry', 'Prisca', 'Ulrich'], last: ['Mba Obame', 'Nzé', 'Moussavou', 'Ondo', 'Bongo-Ndong'] },
  CG: { first: ['Aimé', 'Gervais', 'Nadège', 'Rodrigue', 'Clarisse'], last: ['Mabiala', 'Makosso', 'Loemba', 'Nkounkou', 'Tati'] },
  NG: { first: ['Chinedu', 'Ngozi', 'Tunde', 'Emeka', 'Aisha', 'Ifeoma', 'Segun'], last: ['Okafor', 'Adeyemi', 'Eze', 'Balogun', 'Nwosu', 'Ibekwe', 'Ogunleye'] },
  AO: { first: ['João', 'Isabel', 'Domingos', 'Luzia', 'Manuel'], last: ['Domingos', 'Cassoma', 'Neto', 'Fernandes', 'Kiluange'] },
  GQ: { first: ['Santiago', 'Pilar', 'Crisantos'], last: ['Obiang Nsue', 'Esono', 'Mangue'] },
  FR: { first: ['Julien', 'Camille', 'Nicolas', 'Claire'], last: ['Lefèvre', 'Moreau', 'Garnier', 'Rousseau'] },
  GB: { first: ['Alistair', 'Fiona', 'Graham'], last: ['MacLeod', 'Henderson', 'Walker'] },
  NO: { first: ['Eirik', 'Ingrid'], last: ['Haugland', 'Solberg'] },
};

const COUNTRIES: (readonly [string, number])[] = [
  ['CM', 20],
  ['NG', 18],
  ['GA', 10],
  ['CG', 10],
  ['AO', 8],
  ['GQ', 4],
  ['FR', 6],
  ['GB', 4],
  ['NO', 2],
];

// prettier-ignore
const OFFSHORE_JOBS = ['Production operator', 'Control room operator', 'Instrument technician', 'Electrical technician', 'Mechanical technician', 'Crane operator', 'Rigger', 'Roustabout', 'Scaffolder', 'Painter-blaster', 'Well services supervisor', 'HSE advisor', 'Offshore installation manager', 'Maintenance supervisor', 'Camp boss', 'Cook', 'Steward', 'Radio operator', 'Subsea engineer', 'Process engineer'];
// prettier-ignore
const BASE_JOBS = ['Logistics coordinator', 'Warehouse supervisor', 'Storekeeper', 'Driver', 'Base manager', 'Administrative assistant'];

const BLOOD = ['o-pos', 'o-pos', 'o-pos', 'a-pos', 'a-pos', 'b-pos', 'ab-pos', 'o-neg', 'a-neg', 'b-neg'];

export interface HeldCertificate {
  code: string;
  issuedOn: string;
  expiresOn: string;
  verified: boolean;
}

export interface SeedPerson {
  externalId: string;
  offshore: boolean;
  certificates: HeldCertificate[];
}

export interface PeopleOptions {
  count: number;
  today: string;
  /** How many offshore people hold a certificate lapsing within 30 days. */
  expiring: number;
  /** How many offshore people hold a certificate that has lapsed. */
  expired: number;
  /** How many offshore people have a medical the POB administration has not verified yet. */
  unverified: number;
}

export const personId = (n: number) => `POB-PERSON-${String(n).padStart(4, '0')}`;

function held(code: string, expiresOn: string, verified = true): HeldCertificate {
  return { code, issuedOn: addMonths(expiresOn, -typeByCode(code).months), expiresOn, verified };
}

export function generatePeople(rng: Rng, opts: PeopleOptions): { people: SeedPerson[]; person: SeedRecord[] } {
  const people: SeedPerson[] = [];
  const person: SeedRecord[] = [];
  const used = new Set<string>();
  for (let n = 1; n <= opts.count; n++) {
    const country = rng.weighted(COUNTRIES);
    const pool = NAMES[country]!;
    let first = rng.pick(pool.first);
    let last = rng.pick(pool.last);
    for (let i = 0; used.has(`${first} ${last}`) && i < 20; i++) {
      first = rng.pick(pool.first);
      last = rng.pick(pool.last);
    }
    used.add(`${first} ${last}`);
    const offshore = n % 7 !== 0;
    const externalId = personId(n);
    // Lapsing and lapsed certificates go to the first offshore people, so their number is exact.
    const offshoreRank = n - Math.floor(n / 7);
    const lapse =
      offshore && offshoreRank <= opts.expiring
        ? addDays(opts.today, rng.int(3, 29))
        : offshore && offshoreRank <= opts.expiring + opts.expired
          ? addDays(opts.today, -rng.int(1, 90))
          : undefined;
    const certificates: HeldCertificate[] = [];
    const later = () => addDays(opts.today, rng.int(60, 1300));
    if (offshore) {
      const survival = rng.pick(['BOSIET', 'T-BOSIET', 'FOET', 'T-FOET']);
      const survivalLapses = lapse !== undefined && rng.chance(0.5);
      const unverified =
        offshoreRank > opts.expiring + opts.expired && offshoreRank <= opts.expiring + opts.expired + opts.unverified;
      certificates.push(held(survival, survivalLapses ? lapse : later()));
      const medicalUntil = lapse !== undefined && !survivalLapses ? lapse : addDays(opts.today, rng.int(45, 700));
      certificates.push(held('MED-OFF', medicalUntil, !unverified));
      if (rng.chance(0.4)) certificates.push(held('H2S', later()));
    } else if (rng.chance(0.5)) {
      certificates.push(held('HUET', later()));
    }
    if (rng.chance(0.3)) certificates.push(held(rng.pick(['FIRST-AID', 'WAH']), later(), rng.chance(0.7)));
    people.push({ externalId, offshore, certificates });
    person.push({
      external_id: externalId,
      first_name: first,
      last_name: last,
      badge_number: `B${String(40000 + n * 37).padStart(6, '0')}`,
      job_title: rng.pick(offshore ? OFFSHORE_JOBS : BASE_JOBS),
      nationality: country,
      email: `${first}.${last}`
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^A-Za-z.]/g, '')
        .toLowerCase()
        .concat(`${n}@crew.example`),
      date_of_birth: addDays('1965-01-01', rng.int(0, 365 * 35)),
      blood_group: rng.pick(BLOOD),
      ...(rng.chance(0.15) && {
        medical_notes: rng.pick([
          'Penicillin allergy',
          'Asthma, carries an inhaler',
          'Type 2 diabetes, treated',
          'Wears corrective lenses',
        ]),
      }),
      emergency_contact: `${rng.pick(pool.first)} ${last}`,
      is_active: true,
    });
  }
  return { people, person };
}

export function certificateRecords(people: SeedPerson[]): SeedRecord[] {
  const known = new Set(CERTIFICATE_TYPES.map((t) => t.code));
  return people.flatMap((p, i) =>
    p.certificates.map((c, j) => {
      if (!known.has(c.code)) throw new Error(`Unknown certificate type ${c.code}`);
      return {
        external_id: `POB-CERT-${String(i + 1).padStart(4, '0')}-${j + 1}`,
        person: ref(p.externalId),
        type: ref(certificateTypeId(c.code)),
        certificate_no: `${c.code}-${c.issuedOn.slice(0, 4)}-${String(10007 + i * 13 + j).padStart(6, '0')}`,
        issued_on: c.issuedOn,
        expires_on: c.expiresOn,
        verified: c.verified,
      };
    }),
  );
}
