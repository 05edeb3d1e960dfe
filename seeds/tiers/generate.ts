/**
 * Demo data for the `tiers` bundle: the third parties of an operator in the Gulf of Guinea
 * (operators, drilling contractors, oilfield services, vessel operators, helicopter charter,
 * catering, logistics, engineering...) and the people who work there.
 *
 * Every company name, registration number, domain and person is invented. The output is
 * deterministic: the same options give the same records. Records use the API payload shape
 * (field names as keys, plus `external_id`); references name their target by external id as
 * `{ "$ref": "TIERS-CO-0001" }`, which the seed loader resolves to record ids. The computed
 * field `full_name` is left out: the engine fills it.
 */

export interface TiersSeedOptions {
  /** Number of companies; defaults to 200. */
  companies?: number;
  /** Number of contacts; defaults to 1,000. */
  contacts?: number;
  /** PRNG seed; defaults to 1. */
  seed?: number;
}

export interface SeedRef {
  $ref: string;
}

export type SeedRecord = Record<string, unknown>;

export interface TiersSeed {
  company: SeedRecord[];
  contact: SeedRecord[];
}

export const DEFAULT_COMPANIES = 200;
export const DEFAULT_CONTACTS = 1000;
export const DEFAULT_SEED = 1;

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a tiny 32-bit PRNG, good enough for demo data. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded choices: the same seed gives the same records (the other bundles' seeds use it too). */
export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }

  /** Replaces every `X` of a template with a random digit: `+237 233 4X XX XX`. */
  fill(template: string): string {
    return template.replace(/X/g, () => String(this.int(0, 9)));
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Reference data

type Lang = 'fr' | 'en' | 'es' | 'pt';
type Local = 'CM' | 'GA' | 'CG' | 'GQ' | 'NG' | 'AO';
type Abroad = 'FR' | 'GB' | 'US' | 'NL' | 'NO';
type Country = Local | Abroad;
type CompanyType = 'client' | 'supplier' | 'partner' | 'competitor';
type Sector =
  | 'exploration_production'
  | 'drilling'
  | 'oilfield_services'
  | 'logistics'
  | 'marine'
  | 'aviation'
  | 'catering'
  | 'engineering'
  | 'construction'
  | 'hse'
  | 'it_telecom'
  | 'other';
type Channel = 'email' | 'phone' | 'mobile' | 'whatsapp' | 'teams';
type People =
  | 'cameroon'
  | 'gabon'
  | 'congo'
  | 'eq_guinea'
  | 'nigeria'
  | 'angola'
  | 'france'
  | 'britain'
  | 'norway'
  | 'netherlands'
  | 'usa';

interface City {
  name: string;
  /** Registry office code used in OHADA RCCM numbers. */
  registry?: string;
  weight: number;
  /** Landline template, `X` = digit. */
  landline: string;
  /** Street templates: `{n}` street number, `{bp}` post-office box. */
  streets: string[];
  /** Overrides the country's language (anglophone Limbe). */
  lang?: Lang;
}

interface CountryInfo {
  /** The country as it appears in a subsidiary's legal name. */
  nameInLegal: string;
  lang: Lang;
  tld: string;
  legalForms: string[];
  mobiles: string[];
  cities: City[];
  people: [People, number][];
  registration(rnd: Random, city: City): string;
}

const ohada =
  (cc: Local) =>
  (rnd: Random, city: City): string =>
    `${cc}-RCCM-${city.registry}-${rnd.int(1978, 2023)}-B-${rnd.digits(5)}`;

const COUNTRIES: Record<Country, CountryInfo> = {
  CM: {
    nameInLegal: 'Cameroun',
    lang: 'fr',
    tld: 'cm',
    legalForms: ['SA', 'SARL', 'SAS', 'SARL'],
    mobiles: ['+237 67X XX XX XX', '+237 69X XX XX XX', '+237 65X XX XX XX'],
    people: [
      ['cameroon', 72],
      ['france', 14],
      ['britain', 4],
      ['nigeria', 5],
      ['gabon', 5],
    ],
    registration: ohada('CM'),
    cities: [
      {
        name: 'Douala',
        registry: 'DLA',
        weight: 6,
        landline: '+237 233 4X XX XX',
        streets: [
          'Rue Njo-Njo, Bonapriso, BP {bp}',
          'Boulevard de la République, Bonanjo, BP {bp}',
          'Zone industrielle de Bonabéri, BP {bp}',
          '{n} rue Joss, Akwa, BP {bp}',
          'Zone portuaire, Quai {n}, BP {bp}',
        ],
      },
      {
        name: 'Kribi',
        registry: 'KRI',
        weight: 2,
        landline: '+237 233 46 XX XX',
        streets: [
          'Route de Lolabé, Mboa Manga, BP {bp}',
          'Zone logistique du port en eau profonde, BP {bp}',
          'Quartier Afan Mabé, BP {bp}',
        ],
      },
      {
        name: 'Limbe',
        registry: 'LIM',
        weight: 2,
        lang: 'en',
        landline: '+237 233 33 XX XX',
        streets: ['Mile 1, Church Street, PO Box {bp}', 'Bota Road, Down Beach, PO Box {bp}', 'Idenau Road, Mile 4'],
      },
      {
        name: 'Yaoundé',
        registry: 'YAO',
        weight: 1,
        landline: '+237 222 2X XX XX',
        streets: ['Boulevard du 20 Mai, BP {bp}', 'Rue {n}, Bastos, BP {bp}'],
      },
    ],
  },
  GA: {
    nameInLegal: 'Gabon',
    lang: 'fr',
    tld: 'ga',
    legalForms: ['SA', 'SARL', 'SAS'],
    mobiles: ['+241 77 XX XX XX', '+241 66 XX XX XX', '+241 62 XX XX XX'],
    people: [
      ['gabon', 70],
      ['france', 20],
      ['cameroon', 5],
      ['congo', 5],
    ],
    registration: ohada('GA'),
    cities: [
      {
        name: 'Port-Gentil',
        registry: 'POG',
        weight: 5,
        landline: '+241 11 55 XX XX',
        streets: [
          'Zone industrielle Sud, BP {bp}',
          'Route du Cap Lopez, BP {bp}',
          'Quartier Grand Village, BP {bp}',
          'Boulevard du Bord de Mer, BP {bp}',
        ],
      },
      {
        name: 'Libreville',
        registry: 'LBV',
        weight: 4,
        landline: '+241 11 7X XX XX',
        streets: [
          'Boulevard Triomphal, Quartier Louis, BP {bp}',
          "Zone industrielle d'Oloumi, BP {bp}",
          'Quartier Glass, BP {bp}',
          'Avenue du Colonel Parant, BP {bp}',
        ],
      },
    ],
  },
  CG: {
    nameInLegal: 'Congo',
    lang: 'fr',
    tld: 'cg',
    legalForms: ['SA', 'SARL', 'SAU'],
    mobiles: ['+242 06 XXX XX XX', '+242 05 XXX XX XX'],
    people: [
      ['congo', 70],
      ['france', 20],
      ['cameroon', 5],
      ['gabon', 5],
    ],
    registration: ohada('CG'),
    cities: [
      {
        name: 'Pointe-Noire',
        registry: 'PNR',
        weight: 6,
        landline: '+242 22 294 XX XX',
        streets: [
          'Avenue Charles de Gaulle, Centre-ville, BP {bp}',
          'Zone industrielle de la Foire, BP {bp}',
          'Boulevard Loango, Mpita, BP {bp}',
          'Côte Matève, BP {bp}',
        ],
      },
      {
        name: 'Brazzaville',
        registry: 'BZV',
        weight: 1,
        landline: '+242 22 281 XX XX',
        streets: ['Avenue Amilcar Cabral, Centre-ville, BP {bp}'],
      },
    ],
  },
  GQ: {
    nameInLegal: 'Guinea Ecuatorial',
    lang: 'es',
    tld: 'gq',
    legalForms: ['S.A.', 'S.L.'],
    mobiles: ['+240 222 XXX XXX', '+240 551 XXX XXX'],
    people: [
      ['eq_guinea', 65],
      ['cameroon', 10],
      ['france', 5],
      ['usa', 10],
      ['britain', 10],
    ],
    registration: ohada('GQ'),
    cities: [
      {
        name: 'Malabo',
        registry: 'MAL',
        weight: 4,
        landline: '+240 333 09X XXX',
        streets: [
          'Carretera del Aeropuerto, Malabo II',
          'Calle de Argelia {n}',
          'Paseo de los Cocoteros, Caracolas',
          'Zona industrial de Punta Europa',
        ],
      },
      {
        name: 'Bata',
        registry: 'BAT',
        weight: 2,
        landline: '+240 333 08X XXX',
        streets: ['Paseo Marítimo {n}', 'Carretera de Comandachina', 'Barrio Ncolombong'],
      },
    ],
  },
  NG: {
    nameInLegal: 'Nigeria',
    lang: 'en',
    tld: 'com.ng',
    legalForms: ['Limited', 'Ltd', 'Limited', 'Plc'],
    mobiles: ['+234 803 XXX XXXX', '+234 806 XXX XXXX', '+234 809 XXX XXXX', '+234 813 XXX XXXX'],
    people: [
      ['nigeria', 86],
      ['britain', 9],
      ['usa', 5],
    ],
    registration: (rnd) => `NG-RC-${rnd.int(10_000, 1_999_999)}`,
    cities: [
      {
        name: 'Port Harcourt',
        weight: 5,
        landline: '+234 84 XXX XXX',
        streets: [
          '{n} Trans-Amadi Industrial Layout, Rivers State',
          '{n} Aba Road, GRA Phase II, Rivers State',
          '{n} Stadium Road, Rumuomasi, Rivers State',
          '{n} Peter Odili Road, Rivers State',
        ],
      },
      {
        name: 'Lagos',
        weight: 4,
        landline: '+234 1 XXX XXXX',
        streets: [
          '{n} Adeola Odeku Street, Victoria Island',
          '{n} Admiralty Way, Lekki Phase 1',
          '{n} Kofo Abayomi Street, Victoria Island',
          '{n} Wharf Road, Apapa',
        ],
      },
      {
        name: 'Onne',
        weight: 2,
        landline: '+234 84 XXX XXX',
        streets: ['Oil and Gas Free Zone, Onne, Rivers State', 'Federal Ocean Terminal, Onne, Rivers State'],
      },
      {
        name: 'Warri',
        weight: 1,
        landline: '+234 53 XXX XXX',
        streets: ['{n} Effurun-Sapele Road, Effurun, Delta State', '{n} NPA Expressway, Delta State'],
      },
    ],
  },
  AO: {
    nameInLegal: 'Angola',
    lang: 'pt',
    tld: 'co.ao',
    legalForms: ['Lda', 'S.A.'],
    mobiles: ['+244 923 XXX XXX', '+244 912 XXX XXX', '+244 937 XXX XXX'],
    people: [
      ['angola', 80],
      ['britain', 8],
      ['norway', 5],
      ['france', 7],
    ],
    registration: (rnd) => `AO-NIF-54${rnd.digits(8)}`,
    cities: [
      {
        name: 'Luanda',
        weight: 5,
        landline: '+244 222 XXX XXX',
        streets: [
          'Rua Rainha Ginga, n.º {n}, Ingombota',
          'Avenida 4 de Fevereiro, n.º {n}, Marginal',
          'Via S8, Talatona',
          'Rua Major Kanhangulo, n.º {n}',
        ],
      },
      {
        name: 'Soyo',
        weight: 2,
        landline: '+244 232 XXX XXX',
        streets: ['Base logística do Kwanda', 'Bairro Pangala, Rua {n}', 'Rua do Porto, n.º {n}'],
      },
      {
        name: 'Cabinda',
        weight: 1,
        landline: '+244 231 XXX XXX',
        streets: ['Rua do Comércio, n.º {n}', 'Estrada de Malembo, km {n}'],
      },
    ],
  },
  FR: {
    nameInLegal: 'France',
    lang: 'fr',
    tld: 'fr',
    legalForms: ['SAS', 'SA'],
    mobiles: ['+33 6 XX XX XX XX', '+33 7 XX XX XX XX'],
    people: [
      ['france', 85],
      ['cameroon', 5],
      ['gabon', 5],
      ['congo', 5],
    ],
    registration: (rnd) => `FR-RCS-${rnd.int(3, 9)}${rnd.digits(8)}`,
    cities: [
      {
        name: 'Paris',
        weight: 3,
        landline: '+33 1 XX XX XX XX',
        streets: ['{n} rue de Courcelles, 75008', '{n} boulevard Haussmann, 75009', '{n} avenue Kléber, 75016'],
      },
      {
        name: 'Pau',
        weight: 2,
        landline: '+33 5 59 XX XX XX',
        streets: ['{n} avenue Larribau, 64000', '{n} rue Louis Barthou, 64000'],
      },
      { name: 'Marseille', weight: 1, landline: '+33 4 91 XX XX XX', streets: ['{n} boulevard de Dunkerque, 13002'] },
    ],
  },
  GB: {
    nameInLegal: 'UK',
    lang: 'en',
    tld: 'co.uk',
    legalForms: ['Ltd', 'plc'],
    mobiles: ['+44 7700 900XXX'],
    people: [
      ['britain', 85],
      ['nigeria', 10],
      ['norway', 5],
    ],
    registration: (rnd) => (rnd.chance(0.5) ? `GB-CRN-SC${rnd.digits(6)}` : `GB-CRN-0${rnd.digits(7)}`),
    cities: [
      {
        name: 'Aberdeen',
        weight: 3,
        landline: '+44 1224 XXXXXX',
        streets: [
          '{n} Union Street, AB11 6BA',
          'Dyce Industrial Estate, AB21 0BE',
          'Altens Industrial Estate, AB12 3LE',
        ],
      },
      { name: 'London', weight: 1, landline: '+44 20 7XXX XXXX', streets: ['{n} Cannon Street, EC4N 5AF'] },
    ],
  },
  US: {
    nameInLegal: 'USA',
    lang: 'en',
    tld: 'com',
    legalForms: ['Inc.', 'LLC', 'Corp.'],
    mobiles: ['+1 713 555 01XX', '+1 281 555 01XX'],
    people: [
      ['usa', 90],
      ['nigeria', 10],
    ],
    registration: (rnd) => `US-EIN-${rnd.int(10, 99)}-${rnd.digits(7)}`,
    cities: [
      {
        name: 'Houston',
        weight: 1,
        landline: '+1 713 555 01XX',
        streets: ['{n} Westheimer Road, TX 77056', '{n} Eldridge Parkway, TX 77079', '{n} Louisiana Street, TX 77002'],
      },
    ],
  },
  NL: {
    nameInLegal: 'Nederland',
    lang: 'en',
    tld: 'nl',
    legalForms: ['B.V.', 'N.V.'],
    mobiles: ['+31 6 XXXX XXXX'],
    people: [
      ['netherlands', 85],
      ['britain', 15],
    ],
    registration: (rnd) => `NL-KVK-${rnd.int(1, 9)}${rnd.digits(7)}`,
    cities: [
      { name: 'Rotterdam', weight: 2, landline: '+31 10 XXX XXXX', streets: ['Waalhaven Oostzijde {n}, 3087 BM'] },
      {
        name: 'The Hague',
        weight: 1,
        landline: '+31 70 XXX XXXX',
        streets: ['Laan van Nieuw Oost-Indië {n}, 2593 BM'],
      },
    ],
  },
  NO: {
    nameInLegal: 'Norge',
    lang: 'en',
    tld: 'no',
    legalForms: ['AS', 'ASA'],
    mobiles: ['+47 9XX XX XXX', '+47 4XX XX XXX'],
    people: [
      ['norway', 85],
      ['britain', 15],
    ],
    registration: (rnd) => `NO-ORG-9${rnd.digits(8)}`,
    cities: [
      { name: 'Stavanger', weight: 3, landline: '+47 51 XX XX XX', streets: ['Forusbeen {n}, 4033'] },
      { name: 'Bergen', weight: 1, landline: '+47 55 XX XX XX', streets: ['Kokstadvegen {n}, 5257 Kokstad'] },
    ],
  },
};

const LOCAL_WEIGHTS: [Local, number][] = [
  ['CM', 24],
  ['GA', 16],
  ['CG', 16],
  ['GQ', 10],
  ['NG', 22],
  ['AO', 12],
];
const ABROAD_WEIGHTS: [Abroad, number][] = [
  ['FR', 4],
  ['GB', 3],
  ['US', 3],
  ['NL', 2],
  ['NO', 2],
];

const LOCAL_SECTORS: [Sector, number][] = [
  ['exploration_production', 10],
  ['drilling', 6],
  ['oilfield_services', 18],
  ['logistics', 12],
  ['marine', 10],
  ['aviation', 4],
  ['catering', 7],
  ['engineering', 9],
  ['construction', 8],
  ['hse', 6],
  ['it_telecom', 4],
  ['other', 6],
];
const GROUP_SECTORS: [Sector, number][] = [
  ['exploration_production', 8],
  ['drilling', 15],
  ['oilfield_services', 25],
  ['marine', 12],
  ['aviation', 7],
  ['engineering', 12],
  ['logistics', 7],
  ['catering', 4],
];

/** Seen from an operator: other operators are partners or competitors, contractors are suppliers. */
function typeFor(rnd: Random, sector: Sector): CompanyType {
  if (sector === 'exploration_production') {
    return rnd.weighted<CompanyType>([
      ['partner', 5],
      ['competitor', 3],
      ['client', 2],
    ]);
  }
  if (sector === 'other')
    return rnd.weighted<CompanyType>([
      ['supplier', 6],
      ['client', 4],
    ]);
  return rnd.weighted<CompanyType>([
    ['supplier', 88],
    ['partner', 8],
    ['client', 4],
  ]);
}

const SECTOR_NOUNS: Record<Sector, Record<Lang, string[]>> = {
  exploration_production: {
    en: ['Petroleum', 'Energy', 'Oil & Gas', 'E&P', 'Exploration'],
    fr: ['Pétrole', 'Énergie', 'Hydrocarbures', 'Exploration'],
    es: ['Petróleo', 'Energía', 'Hidrocarburos'],
    pt: ['Petróleos', 'Energia', 'Hidrocarbonetos'],
  },
  drilling: {
    en: ['Drilling', 'Drilling Services', 'Offshore Drilling', 'Well Services'],
    fr: ['Forage', 'Forages Offshore'],
    es: ['Perforaciones'],
    pt: ['Perfurações'],
  },
  oilfield_services: {
    en: ['Oilfield Services', 'Well Testing', 'Wireline', 'Subsea', 'Completion Services', 'Pipe & Valves'],
    fr: ['Services Pétroliers', 'Inspection', 'Tuyauterie Industrielle'],
    es: ['Servicios Petroleros'],
    pt: ['Serviços Petrolíferos'],
  },
  logistics: {
    en: ['Logistics', 'Freight', 'Shore Base Services', 'Transport'],
    fr: ['Logistique', 'Transit', 'Transports', 'Manutention'],
    es: ['Logística', 'Transportes'],
    pt: ['Logística', 'Transitários'],
  },
  marine: {
    en: ['Marine', 'Shipping', 'Offshore Vessels', 'Marine Services', 'Towage'],
    fr: ['Marine Services', 'Navigation', 'Remorquage'],
    es: ['Marítima', 'Naviera'],
    pt: ['Marítima', 'Navegação'],
  },
  aviation: {
    en: ['Aviation', 'Helicopters', 'Air Charter'],
    fr: ['Aviation', 'Hélicoptères'],
    es: ['Aviación'],
    pt: ['Aviação'],
  },
  catering: {
    en: ['Catering', 'Camp Services', 'Hospitality'],
    fr: ['Catering', 'Restauration', 'Hôtellerie Offshore'],
    es: ['Catering'],
    pt: ['Catering', 'Hotelaria'],
  },
  engineering: {
    en: ['Engineering', 'Engineering & Consulting', 'Technical Services'],
    fr: ['Ingénierie', 'Études Techniques'],
    es: ['Ingeniería'],
    pt: ['Engenharia'],
  },
  construction: {
    en: ['Construction', 'Fabrication', 'Steel Structures', 'Civil Works'],
    fr: ['Construction', 'BTP', 'Constructions Métalliques', 'Génie Civil'],
    es: ['Construcciones'],
    pt: ['Construções'],
  },
  hse: {
    en: ['Safety Services', 'Safety Training', 'Environmental Services', 'Medical Services'],
    fr: ['Sécurité Industrielle', 'Environnement', 'Formation Sécurité', 'Assistance Médicale'],
    es: ['Seguridad Industrial'],
    pt: ['Segurança Industrial', 'Ambiente'],
  },
  it_telecom: {
    en: ['Telecom', 'Networks', 'Satcom', 'IT Solutions'],
    fr: ['Télécom', 'Réseaux', 'Informatique'],
    es: ['Telecomunicaciones'],
    pt: ['Telecomunicações', 'Sistemas'],
  },
  other: {
    en: ['Trading', 'Consulting', 'Security', 'Staffing'],
    fr: ['Conseil', 'Gardiennage', 'Intérim', 'Négoce'],
    es: ['Consultoría'],
    pt: ['Consultoria', 'Segurança'],
  },
};

/** Place names used as brand roots by local firms. */
const PLACE_ROOTS: Record<Local, string[]> = {
  CM: ['Sanaga', 'Wouri', 'Nyong', 'Moungo', 'Bimbia', 'Etinde', 'Ndian', 'Lobé', 'Campo', 'Manoka', 'Ntem', 'Dibamba'],
  GA: ['Ogooué', 'Mandji', 'Nyanga', 'Mayumba', 'Ngounié', 'Komo', 'Akanda', 'Omboué', 'Iguéla', 'Fernan Vaz'],
  CG: ['Kouilou', 'Mayombe', 'Loango', 'Djeno', 'Loémé', 'Niari', 'Madingo', 'Mvouti', 'Tchiamba', 'Nzassi'],
  GQ: ['Bioko', 'Mbini', 'Corisco', 'Annobón', 'Luba', 'Riaba', 'Moca', 'Elobey', 'Cogo', 'Ureca'],
  NG: ['Bonny', 'Okrika', 'Brass', 'Forcados', 'Qua Iboe', 'Calabar', 'Opobo', 'Andoni', 'Kalabari', 'Nembe', 'Degema'],
  AO: ['Cuanza', 'Ambriz', 'Mussulo', 'Lobito', 'Namibe', 'Kissama', 'Dande', 'Bengo', 'Kassanje', 'Porto Amboim'],
};

const COINED_START = ['Kel', 'Nor', 'Vel', 'Tar', 'Sol', 'Mar', 'Tre', 'Zan', 'Ori', 'Lum', 'Bel', 'Cor', 'Hal', 'Rav'];
const COINED_MID = ['va', 'ri', 'lo', 'ne', 'ta', 'mi', 'do', 'si', 'ven', 'lan', 'ter', 'ra'];
const COINED_END = ['tis', 'nor', 'lex', 'gon', 'vik', 'dal', 'mar', 'ton', 'via', 'sys', 'ek', 'ia', 'ant', 'oria'];

function coinedBrand(rnd: Random): string {
  const mid = rnd.chance(0.4) ? rnd.pick(COINED_MID) : '';
  return `${rnd.pick(COINED_START)}${mid}${rnd.pick(COINED_END)}`;
}

const NAMES: Record<People, { first: string[]; last: string[]; lang: Lang }> = {
  cameroon: {
    lang: 'fr',
    first: [
      'Jean-Paul',
      'Emmanuel',
      'Brice',
      'Hervé',
      'Yannick',
      'Boris',
      'Serge',
      'Achille',
      'Martial',
      'Rodrigue',
      'Blaise',
      'Cyrille',
      'Aïssatou',
      'Christelle',
      'Sandrine',
      'Carine',
      'Nadine',
      'Mireille',
      'Estelle',
      'Josiane',
      'Rosine',
      'Nathalie',
      'Divine',
      'Comfort',
      'Ebenezer',
    ],
    last: [
      'Mbarga',
      'Fotso',
      'Ndjock',
      'Essomba',
      'Nkwelle',
      'Eyong',
      'Tabi',
      'Ngassa',
      'Kamga',
      'Atangana',
      'Manga',
      'Fouda',
      'Ekane',
      'Ebong',
      'Njoya',
      'Tchakounte',
      'Tchoumi',
      'Nkongho',
      'Mbida',
      'Ngono',
      'Onana',
      'Abena',
      'Etoundi',
      'Moukouri',
      'Ewane',
      'Ayuk',
      'Tanyi',
      'Enow',
      'Nfor',
      'Ngwa',
    ],
  },
  gabon: {
    lang: 'fr',
    first: [
      'Ghislain',
      'Prisca',
      'Landry',
      'Armel',
      'Nadège',
      'Rodrigue',
      'Wilfried',
      'Guy-Roger',
      'Sylvie',
      'Patricia',
      'Ulrich',
      'Davy',
      'Gaëlle',
      'Yolande',
      'Fabrice',
      'Chancel',
      'Ornella',
      'Stéphane',
    ],
    last: [
      'Ndong',
      'Mba',
      'Obame',
      'Nzé',
      'Mintsa',
      'Moussavou',
      'Koumba',
      'Mouele',
      'Boussougou',
      'Nzamba',
      'Ogandaga',
      'Ella',
      'Mboumba',
      'Mabika',
      'Ondo',
      'Engonga',
      'Mengue',
      'Bibalou',
      'Nkoghe',
      'Ekomie',
    ],
  },
  congo: {
    lang: 'fr',
    first: [
      'Dieudonné',
      'Grâce',
      'Arsène',
      'Merveille',
      'Fabrice',
      'Clarisse',
      'Prince',
      'Juvénal',
      'Gildas',
      'Bienvenu',
      'Exaucé',
      'Rachel',
      'Ferdinand',
      'Judith',
      'Parfait',
      'Destinée',
      'Aubin',
    ],
    last: [
      'Makosso',
      'Mabiala',
      'Loemba',
      'Tchicaya',
      'Nkounkou',
      'Bouanga',
      'Moukoko',
      'Malonga',
      'Samba',
      'Massamba',
      'Mavoungou',
      'Ngoma',
      'Kimbembe',
      'Mboungou',
      'Batchi',
      'Pambou',
      'Goma',
      'Bikindou',
      'Tati',
      'Louzolo',
    ],
  },
  eq_guinea: {
    lang: 'es',
    first: [
      'Santiago',
      'Pedro',
      'María Jesús',
      'Crescencia',
      'Antonio',
      'Teodora',
      'Ángel',
      'Purificación',
      'Juan Carlos',
      'Rosa',
      'Marcelino',
      'Leoncio',
      'Filomena',
      'Carmelo',
    ],
    last: [
      'Nsue',
      'Mba',
      'Ondo',
      'Esono',
      'Ndong',
      'Mangue',
      'Abeso',
      'Bindang',
      'Ela',
      'Obono',
      'Eyi',
      'Nchama',
      'Bolekia',
      'Sipi',
      'Ebang',
      'Owono',
      'Mikue',
    ],
  },
  nigeria: {
    lang: 'en',
    first: [
      'Chinedu',
      'Ngozi',
      'Oluwaseun',
      'Emeka',
      'Funmilayo',
      'Tonye',
      'Ebiere',
      'Adaeze',
      'Tunde',
      'Kelechi',
      'Ifeoma',
      'Babatunde',
      'Chiamaka',
      'Ibinabo',
      'Ekaette',
      'Uchenna',
      'Yetunde',
      'Obinna',
      'Boma',
      'Tamunosiki',
    ],
    last: [
      'Adebayo',
      'Okafor',
      'Eze',
      'Nwosu',
      'Ogunleye',
      'Ibekwe',
      'Alagoa',
      'Briggs',
      'Jaja',
      'Okon',
      'Etim',
      'Bassey',
      'Oyelaran',
      'Adeyemi',
      'Onyekachi',
      'Amadi',
      'Wokoma',
      'Akpan',
      'Dappa',
      'Fubara',
      'Tamuno',
      'Ekpo',
    ],
  },
  angola: {
    lang: 'pt',
    first: [
      'João',
      'Ana',
      'Manuel',
      'Esperança',
      'Domingos',
      'Isabel',
      'Adilson',
      'Edivaldo',
      'Luzia',
      'Mário',
      'Filomena',
      'Nelson',
      'Teresa',
      'Osvaldo',
      'Celestina',
      'Kiluanji',
      'Helena',
      'Valdemar',
      'Josefa',
    ],
    last: [
      'Domingos',
      'Kiala',
      'Lukamba',
      'Cassoma',
      'Ndala',
      'Chipenda',
      'Van-Dúnem',
      'Neto',
      'da Silva',
      'Fernandes',
      'Sebastião',
      'Quissanga',
      'Mbala',
      'Tchissola',
      'Cardoso',
      'Kambundo',
      'Mateus',
      'Lopes',
      'Zau',
    ],
  },
  france: {
    lang: 'fr',
    first: [
      'Pierre',
      'Sophie',
      'Julien',
      'Camille',
      'Nicolas',
      'Isabelle',
      'Thomas',
      'Claire',
      'Mathieu',
      'Élodie',
      'Antoine',
      'Céline',
      'François',
      'Aurélie',
      'Guillaume',
      'Marion',
      'Olivier',
      'Hélène',
    ],
    last: [
      'Martin',
      'Lefebvre',
      'Moreau',
      'Girard',
      'Fournier',
      'Chevalier',
      'Roux',
      'Lambert',
      'Bonnet',
      'Garnier',
      'Dubois',
      'Leroy',
      'Morel',
      'Faure',
      'Mercier',
      'Blanc',
      'Guérin',
      'Boyer',
      'Lemaire',
      'Perrin',
    ],
  },
  britain: {
    lang: 'en',
    first: [
      'James',
      'Fiona',
      'Alistair',
      'Emma',
      'Callum',
      'Rachel',
      'Graham',
      'Hannah',
      'Stuart',
      'Kirsty',
      'Neil',
      'Laura',
      'Ewan',
      'Sarah',
      'Duncan',
      'Gemma',
      'Andrew',
    ],
    last: [
      'Thompson',
      'MacLeod',
      'Fraser',
      'Campbell',
      'Hughes',
      'Walker',
      'Robertson',
      'Davies',
      'Wright',
      'Stewart',
      'Murray',
      'Reid',
      'Paterson',
      'Henderson',
      'Evans',
      'Taylor',
      'Mackenzie',
      'Ross',
    ],
  },
  norway: {
    lang: 'en',
    first: ['Lars', 'Ingrid', 'Magnus', 'Sigrid', 'Erik', 'Kari', 'Håkon', 'Silje', 'Eirik', 'Marte', 'Øystein'],
    last: ['Haugen', 'Johansen', 'Solberg', 'Berg', 'Lunde', 'Hansen', 'Nilsen', 'Dahl', 'Bakke', 'Strand', 'Eide'],
  },
  netherlands: {
    lang: 'en',
    first: ['Pieter', 'Anouk', 'Joost', 'Femke', 'Ruud', 'Sanne', 'Bram', 'Lotte', 'Maarten', 'Eva', 'Sjoerd', 'Ilse'],
    last: ['de Vries', 'van Dijk', 'Bakker', 'Visser', 'Jansen', 'de Boer', 'Mulder', 'Smit', 'van den Berg', 'Dekker'],
  },
  usa: {
    lang: 'en',
    first: ['Michael', 'Jennifer', 'Travis', 'Ashley', 'Robert', 'Megan', 'Brandon', 'Stephanie', 'Kyle', 'Lauren'],
    last: ['Miller', 'Johnson', 'Reyes', 'Carter', 'Brooks', 'Anderson', 'Mitchell', 'Sanders', 'Coleman', 'Hayes'],
  },
};

const GENERIC_TITLES = [
  'Managing Director',
  'Country Manager',
  'General Manager',
  'Finance Manager',
  'Accountant',
  'Commercial Manager',
  'Business Development Manager',
  'Contracts Manager',
  'Buyer',
  'Procurement Officer',
  'HR Manager',
  'Administrative Assistant',
  'HSE Manager',
  'QHSE Coordinator',
  'Legal Counsel',
  'IT Manager',
];

const SECTOR_TITLES: Record<Sector, string[]> = {
  exploration_production: [
    'Drilling Superintendent',
    'Production Superintendent',
    'OIM',
    'Logistics Coordinator',
    'Base Manager',
    'Crew Change Coordinator',
    'POB Coordinator',
    'Operations Manager',
    'Asset Manager',
    'Company Man',
    'Materials Coordinator',
    'Marine Superintendent',
    'Aviation Coordinator',
    'Joint Venture Manager',
    'Contracts & Procurement Lead',
    'Subsurface Manager',
  ],
  drilling: [
    'Rig Manager',
    'OIM',
    'Toolpusher',
    'Drilling Superintendent',
    'Driller',
    'Crew Change Coordinator',
    'Maintenance Supervisor',
    'Subsea Engineer',
    'Rig Administrator',
  ],
  oilfield_services: [
    'Field Service Manager',
    'Wireline Supervisor',
    'Well Test Engineer',
    'Service Quality Manager',
    'Operations Coordinator',
    'Workshop Supervisor',
    'Sales Engineer',
    'Base Manager',
  ],
  logistics: [
    'Logistics Coordinator',
    'Freight Forwarder',
    'Customs Broker',
    'Warehouse Supervisor',
    'Base Manager',
    'Transport Dispatcher',
    'Shipping Agent',
  ],
  marine: [
    'Vessel Master',
    'Marine Superintendent',
    'Chartering Manager',
    'Fleet Manager',
    'Crewing Officer',
    'Port Captain',
    'DP Operator',
  ],
  aviation: [
    'Chief Pilot',
    'Flight Operations Manager',
    'Charter Sales Manager',
    'Base Manager',
    'Passenger Handling Supervisor',
    'Helicopter Maintenance Manager',
  ],
  catering: ['Camp Boss', 'Catering Manager', 'Chief Cook', 'Hotel Services Manager', 'Procurement Officer'],
  engineering: [
    'Project Engineer',
    'Lead Process Engineer',
    'Project Manager',
    'Document Controller',
    'Piping Engineer',
    'Engineering Manager',
  ],
  construction: [
    'Site Manager',
    'Construction Manager',
    'Fabrication Supervisor',
    'Quantity Surveyor',
    'Welding Inspector',
  ],
  hse: [
    'HSE Manager',
    'Safety Trainer',
    'Environmental Officer',
    'Occupational Physician',
    'Emergency Response Coordinator',
    'HSE Advisor',
  ],
  it_telecom: ['Network Engineer', 'Account Manager', 'IT Support Lead', 'VSAT Engineer', 'Telecom Project Manager'],
  other: ['Account Manager', 'Consultant', 'Partner', 'Security Manager', 'Crude Oil Trader'],
};

const TAGS = [
  'key-account',
  'decision-maker',
  'technical',
  'commercial',
  'finance',
  'hse-focal-point',
  'emergency-contact',
  'offshore',
  'onshore',
  'rotational',
  'tender-board',
  'invoice-approver',
];

/** Initials that would read as well-known firms: never used as an invented trade name. */
const RESERVED_ACRONYMS = new Set(['BHP', 'CGG', 'ENI', 'KBR', 'MSC', 'NLNG', 'SNH', 'SNPC', 'TGS', 'WHO']);

const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

/** Free-text notes, by language and company type: `{year}`, `{block}`, `{n}`, `{month}` are filled in. */
const NOTES: Record<Lang, Record<CompanyType, string[]>> = {
  fr: {
    supplier: [
      'Fournisseur qualifié depuis {year}. Dernier audit HSE : {month}/2024.',
      'Contrat-cadre CF-{year}-{n} en cours ; revue de performance trimestrielle.',
      'Agréé pour les interventions offshore. Certificats ISO 9001 et ISO 45001 à renouveler en 2025.',
    ],
    partner: [
      'Partenaire de la JV sur le bloc {block} depuis {year}.',
      'Accord de partage de moyens logistiques signé en {year}.',
    ],
    client: [
      'Enlèvements de brut au terminal : contrat annuel {year}.',
      'Client du service de base logistique depuis {year}.',
    ],
    competitor: ['Présent sur les appels d’offres du bloc {block}.', 'Opère des permis voisins depuis {year}.'],
  },
  en: {
    supplier: [
      'Qualified supplier since {year}. Last HSE audit: {month}/2024.',
      'Frame agreement FA-{year}-{n} in force; quarterly performance review.',
      'Approved for offshore work. ISO 9001 and ISO 45001 certificates due for renewal in 2025.',
    ],
    partner: ['JV partner on block {block} since {year}.', 'Shared logistics agreement signed in {year}.'],
    client: [
      'Crude liftings at the terminal under the {year} term contract.',
      'Shore base services client since {year}.',
    ],
    competitor: ['Bids on tenders for block {block}.', 'Operating neighbouring licences since {year}.'],
  },
  es: {
    supplier: [
      'Proveedor homologado desde {year}. Última auditoría HSE: {month}/2024.',
      'Contrato marco CM-{year}-{n} vigente; revisión trimestral del desempeño.',
    ],
    partner: ['Socio de la JV en el bloque {block} desde {year}.'],
    client: ['Cliente de servicios de base logística desde {year}.'],
    competitor: ['Presente en las licitaciones del bloque {block}.'],
  },
  pt: {
    supplier: [
      'Fornecedor qualificado desde {year}. Última auditoria HSE: {month}/2024.',
      'Contrato-quadro CQ-{year}-{n} em vigor; revisão trimestral de desempenho.',
    ],
    partner: ['Parceiro da JV no bloco {block} desde {year}.'],
    client: ['Cliente dos serviços de base logística desde {year}.'],
    competitor: ['Participa nos concursos do bloco {block}.'],
  },
};

const COMPANY_MAILBOXES: Record<Lang, string[]> = {
  fr: ['contact', 'info', 'secretariat', 'achats', 'commercial'],
  en: ['info', 'enquiries', 'procurement', 'sales', 'contact'],
  es: ['info', 'contacto', 'administracion', 'comercial'],
  pt: ['geral', 'info', 'comercial', 'compras'],
};

// ---------------------------------------------------------------------------------------------
// Helpers

/** ASCII, lowercase, dash-separated: `Ogooué Marine` → `ogooue-marine`. */
function slug(text: string): string {
  return ascii(text)
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function ascii(text: string): string {
  return text
    .replace(/[øØ]/g, (c) => (c === 'ø' ? 'o' : 'O'))
    .replace(/[æÆ]/g, (c) => (c === 'æ' ? 'ae' : 'AE'))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** An e-mail local part from a name: `María Jesús` → `mariajesus`, `Van-Dúnem` → `van-dunem`. */
function mailPart(text: string): string {
  return ascii(text)
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '');
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function ref(externalId: string): SeedRef {
  return { $ref: externalId };
}

function fillTemplate(rnd: Random, template: string): string {
  return template
    .replace('{n}', String(rnd.int(1, 240)))
    .replace('{bp}', String(rnd.int(1000, 9999)))
    .replace('{year}', String(rnd.int(2008, 2023)))
    .replace('{month}', rnd.pick(MONTHS))
    .replace('{block}', `${rnd.pick(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'K', 'M'])}-${rnd.int(1, 24)}`);
}

function pickCity(rnd: Random, country: Country): City {
  return rnd.weighted(COUNTRIES[country].cities.map((c) => [c, c.weight] as const));
}

/** Uniqueness guard: `claim` returns the value when new, otherwise undefined. */
class Registry {
  private readonly used = new Set<string>();

  claim(value: string): string | undefined {
    const key = value.toLowerCase();
    if (this.used.has(key)) return undefined;
    this.used.add(key);
    return value;
  }

  /** The first of `make(0)`, `make(1)`, ... not yet used; after `maxAttempts`, `make`'s next answer as is. */
  first(make: (attempt: number) => string, maxAttempts = Infinity): string {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const v = this.claim(make(attempt));
      if (v !== undefined) return v;
    }
    return make(maxAttempts);
  }
}

// ---------------------------------------------------------------------------------------------
// Companies

interface CompanyModel {
  externalId: string;
  brand: string;
  noun: string;
  country: Country;
  city: City;
  lang: Lang;
  sector: Sector;
  type: CompanyType;
  domain: string;
  isGroup: boolean;
  parent?: CompanyModel;
  record: SeedRecord;
}

function makeCompanies(rnd: Random, count: number): CompanyModel[] {
  const legalNames = new Registry();
  const registrations = new Registry();
  const domains = new Registry();
  // Invented brands stay distinct while the name space lasts (some 2,500 of them).
  const brands = new Registry();
  const groupCount = count >= 4 ? Math.max(1, Math.round(count * 0.08)) : 0;
  const out: CompanyModel[] = [];

  for (let i = 0; i < count; i++) {
    const externalId = `TIERS-CO-${pad(i + 1, 4)}`;
    const isGroup = i < groupCount;
    const groups = out.slice(0, groupCount);
    const parent = !isGroup && groups.length > 0 && rnd.chance(0.3) ? rnd.pick(groups) : undefined;
    const country: Country = isGroup ? rnd.weighted(ABROAD_WEIGHTS) : rnd.weighted(LOCAL_WEIGHTS);
    const info = COUNTRIES[country];
    const city = pickCity(rnd, country);
    const lang = city.lang ?? info.lang;
    const sector = parent ? parent.sector : rnd.weighted(isGroup ? GROUP_SECTORS : LOCAL_SECTORS);
    const type = parent && rnd.chance(0.8) ? parent.type : typeFor(rnd, sector);

    // Names: a subsidiary carries its group's brand and country; others get a place name or a coined brand.
    let brand = '';
    let noun = '';
    const legalName = legalNames.first((attempt) => {
      const form = rnd.pick(info.legalForms);
      if (parent) {
        brand = parent.brand;
        noun = parent.noun;
        const where = attempt === 0 ? info.nameInLegal : `${info.nameInLegal} ${city.name}`;
        return `${brand} ${noun} ${where}${attempt > 1 ? ` ${attempt}` : ''} ${form}`;
      }
      const nounLang: Lang = lang === 'en' || rnd.chance(0.4) ? 'en' : lang;
      noun = rnd.pick(SECTOR_NOUNS[sector][nounLang]);
      const usePlace = !isGroup && rnd.chance(0.55);
      brand = usePlace ? rnd.pick(PLACE_ROOTS[country as Local]) : brands.first(() => coinedBrand(rnd), 50);
      // After many clashes (only with very large counts), qualify the name by its city.
      return attempt < 20 ? `${brand} ${noun} ${form}` : `${brand} ${noun} ${city.name} ${attempt} ${form}`;
    });

    const tld = info.tld;
    const domain = domains.first((attempt) => {
      const base = parent ? slug(brand) : `${slug(brand)}-${slug(noun.split(' ')[0]!)}`;
      return `${base}${attempt ? `-${slug(city.name)}${attempt > 1 ? attempt : ''}` : ''}.${tld}`;
    });

    const record: SeedRecord = { external_id: externalId, legal_name: legalName };
    const acronym = `${brand} ${noun}`
      .split(/[\s&-]+/)
      .filter(Boolean)
      .map((w) => ascii(w)[0]!.toUpperCase())
      .join('');
    if (parent) record.trade_name = `${brand} ${info.nameInLegal}`;
    else if (rnd.chance(0.6)) record.trade_name = brand;
    else if (rnd.chance(0.75) && acronym.length >= 3 && !RESERVED_ACRONYMS.has(acronym)) record.trade_name = acronym;
    if (type === 'supplier' || rnd.chance(0.9)) {
      record.registration_number = registrations.first(() => info.registration(rnd, city));
    }
    record.type = type;
    record.sector = sector;
    record.address = fillTemplate(rnd, rnd.pick(city.streets));
    record.city = city.name;
    record.country = country;
    if (parent) record.parent = ref(parent.externalId);
    const scored = { supplier: 0.95, partner: 0.6, client: 0.3, competitor: 0 }[type];
    if (rnd.chance(scored)) record.reliability_score = Math.round((1.5 + rnd.float() * 3.5) * 10) / 10;
    if (rnd.chance(0.85)) record.website = `https://www.${domain}`;
    if (rnd.chance(0.8)) record.email = `${rnd.pick(COMPANY_MAILBOXES[lang])}@${domain}`;
    if (rnd.chance(0.9)) record.phone = rnd.fill(city.landline);
    if (rnd.chance(0.35)) record.notes = fillTemplate(rnd, rnd.pick(NOTES[lang][type]));

    out.push({ externalId, brand, noun, country, city, lang, sector, type, domain, isGroup, parent, record });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Contacts

const LOCAL_CHANNELS: [Channel, number][] = [
  ['email', 45],
  ['phone', 10],
  ['mobile', 15],
  ['whatsapp', 25],
  ['teams', 5],
];
const ABROAD_CHANNELS: [Channel, number][] = [
  ['email', 60],
  ['phone', 10],
  ['mobile', 10],
  ['whatsapp', 5],
  ['teams', 15],
];
const LOCALS = new Set<Country>(['CM', 'GA', 'CG', 'GQ', 'NG', 'AO']);
/** Where people of each origin keep a home mobile, for the expatriates among them. */
const HOME_COUNTRY: Record<People, Country> = {
  cameroon: 'CM',
  gabon: 'GA',
  congo: 'CG',
  eq_guinea: 'GQ',
  nigeria: 'NG',
  angola: 'AO',
  france: 'FR',
  britain: 'GB',
  norway: 'NO',
  netherlands: 'NL',
  usa: 'US',
};

function makeContacts(rnd: Random, count: number, companies: CompanyModel[]): SeedRecord[] {
  if (count > 0 && companies.length === 0) throw new RangeError('Contacts need at least one company');
  const emails = new Registry();
  // Every company gets a contact first (in shuffled order), then bigger players get more.
  const firstPass = rnd.shuffle(companies);
  const weighted = companies.map((c) => {
    const w = c.isGroup ? 1 : c.sector === 'exploration_production' || c.sector === 'drilling' ? 3 : 2;
    return [c, w] as const;
  });
  const out: SeedRecord[] = [];

  for (let i = 0; i < count; i++) {
    const company = i < firstPass.length ? firstPass[i]! : rnd.weighted(weighted);
    const people = rnd.weighted(COUNTRIES[company.country].people);
    const names = NAMES[people];
    const firstName = rnd.pick(names.first);
    const lastName = rnd.pick(names.last);
    const local = LOCALS.has(company.country);
    const channel: Channel | undefined = rnd.chance(0.08)
      ? undefined
      : rnd.weighted(local ? LOCAL_CHANNELS : ABROAD_CHANNELS);

    const record: SeedRecord = {
      external_id: `TIERS-CT-${pad(i + 1, 5)}`,
      first_name: firstName,
      last_name: lastName,
    };
    if (rnd.chance(0.95)) {
      record.job_title = rnd.chance(0.65) ? rnd.pick(SECTOR_TITLES[company.sector]) : rnd.pick(GENERIC_TITLES);
    }
    if (channel === 'email' || channel === 'teams' || rnd.chance(0.93)) {
      const first = mailPart(firstName);
      const last = mailPart(lastName);
      const style = rnd.weighted<'dot' | 'initial' | 'underscore'>([
        ['dot', 70],
        ['initial', 20],
        ['underscore', 10],
      ]);
      const localPart =
        style === 'dot' ? `${first}.${last}` : style === 'initial' ? `${first[0]}.${last}` : `${first}_${last}`;
      record.email = emails.first((attempt) => `${localPart}${attempt ? attempt + 1 : ''}@${company.domain}`);
    }
    if (channel === 'phone' || rnd.chance(0.55)) record.phone = rnd.fill(company.city.landline);
    if (channel === 'mobile' || channel === 'whatsapp' || rnd.chance(0.85)) {
      const home = HOME_COUNTRY[people];
      const mobileCountry = home !== company.country && rnd.chance(0.25) ? home : company.country;
      record.mobile = rnd.fill(rnd.pick(COUNTRIES[mobileCountry].mobiles));
    }

    const linked = [company];
    if (rnd.chance(0.12)) linked.push(company.parent && rnd.chance(0.7) ? company.parent : rnd.pick(companies));
    if (rnd.chance(0.03)) linked.push(rnd.pick(companies));
    record.companies = [...new Set(linked.map((c) => c.externalId))].map(ref);
    if (channel) record.preferred_channel = channel;

    const tagCount = rnd.weighted([
      [0, 30],
      [1, 35],
      [2, 25],
      [3, 10],
    ] as const);
    const tags = rnd.shuffle(TAGS).slice(0, tagCount);
    if (tags.length > 0) record.tags = tags;
    record.is_active = rnd.chance(0.93);
    out.push(record);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Deterministic demo companies and contacts for the `tiers` bundle. */
export function generateTiersSeed(opts: TiersSeedOptions = {}): TiersSeed {
  const companyCount = opts.companies ?? DEFAULT_COMPANIES;
  const contactCount = opts.contacts ?? DEFAULT_CONTACTS;
  for (const [name, n] of [
    ['companies', companyCount],
    ['contacts', contactCount],
  ] as const) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
  }
  const rnd = new Random(opts.seed ?? DEFAULT_SEED);
  const companies = makeCompanies(rnd, companyCount);
  const contacts = makeContacts(rnd, contactCount, companies);
  return { company: companies.map((c) => c.record), contact: contacts };
}
