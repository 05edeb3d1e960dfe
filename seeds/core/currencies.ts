import { ref, type SeedRecord } from './seed-types.ts';

/**
 * The currencies an operator in the Gulf of Guinea pays and reports in, and a year of monthly
 * rates. ISO 4217 codes, numeric codes and minor units are the official ones. The rates are
 * plausible demo values, not quotations: the floating currencies follow the broad moves of
 * 2025 against the dollar; the pegged ones are exact (1 EUR = 655.957 XAF = 655.957 XOF,
 * 1 EUR = 24.5 STN).
 */

interface CurrencyRow {
  code: string;
  numeric: string;
  name: string;
  symbol: string;
  decimals: number;
}

// prettier-ignore
const CURRENCIES: CurrencyRow[] = [
  { code: 'XAF', numeric: '950', name: 'CFA Franc BEAC', symbol: 'FCFA', decimals: 0 },
  { code: 'XOF', numeric: '952', name: 'CFA Franc BCEAO', symbol: 'F CFA', decimals: 0 },
  { code: 'NGN', numeric: '566', name: 'Naira', symbol: '₦', decimals: 2 },
  { code: 'AOA', numeric: '973', name: 'Kwanza', symbol: 'Kz', decimals: 2 },
  { code: 'GHS', numeric: '936', name: 'Ghana Cedi', symbol: 'GH₵', decimals: 2 },
  { code: 'CDF', numeric: '976', name: 'Congolese Franc', symbol: 'FC', decimals: 2 },
  { code: 'STN', numeric: '930', name: 'Dobra', symbol: 'Db', decimals: 2 },
  { code: 'ZAR', numeric: '710', name: 'Rand', symbol: 'R', decimals: 2 },
  { code: 'USD', numeric: '840', name: 'US Dollar', symbol: '$', decimals: 2 },
  { code: 'EUR', numeric: '978', name: 'Euro', symbol: '€', decimals: 2 },
  { code: 'GBP', numeric: '826', name: 'Pound Sterling', symbol: '£', decimals: 2 },
  { code: 'NOK', numeric: '578', name: 'Norwegian Krone', symbol: 'kr', decimals: 2 },
  { code: 'CNY', numeric: '156', name: 'Yuan Renminbi', symbol: '¥', decimals: 2 },
];

/** Units of each floating currency for 1 USD on the first day of each month, January to December. */
// prettier-ignore
const PER_USD: Record<string, number[]> = {
  EUR: [0.966, 0.965, 0.962, 0.926, 0.885, 0.881, 0.852, 0.868, 0.855, 0.852, 0.867, 0.862],
  GBP: [0.799, 0.806, 0.794, 0.774, 0.752, 0.743, 0.729, 0.753, 0.74, 0.743, 0.761, 0.756],
  NOK: [11.36, 11.32, 11.12, 10.53, 10.4, 10.1, 10.08, 10.33, 9.98, 9.97, 10.12, 10.15],
  NGN: [1545, 1505, 1500, 1535, 1602, 1585, 1530, 1535, 1505, 1475, 1445, 1450],
  AOA: [912.05, 911.98, 912.2, 912.1, 911.95, 912.0, 912.04, 911.97, 912.2, 912.08, 912.0, 911.96],
  GHS: [14.7, 15.45, 15.5, 15.5, 14.1, 10.35, 10.4, 10.5, 11.6, 12.2, 10.9, 11.2],
  CDF: [2840, 2850, 2870, 2880, 2875, 2880, 2890, 2880, 2820, 2650, 2450, 2300],
  ZAR: [18.85, 18.6, 18.35, 18.3, 18.45, 17.85, 17.7, 18.0, 17.6, 17.35, 17.25, 17.1],
  CNY: [7.3, 7.29, 7.27, 7.27, 7.27, 7.2, 7.17, 7.2, 7.13, 7.12, 7.12, 7.08],
};

/** Currencies pegged to the euro: units for 1 EUR. */
export const EURO_PEGS: Record<string, number> = { XAF: 655.957, XOF: 655.957, STN: 24.5 };

/** The year the monthly rates cover. */
export const RATES_YEAR = 2025;

/** Rates are stored with 10 decimals; the demo values carry 6 significant decimals. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export const currencyExternalId = (code: string) => `CORE-CUR-${code}`;

export function currencyRecords(): SeedRecord[] {
  return CURRENCIES.map((c) => ({
    external_id: currencyExternalId(c.code),
    code: c.code,
    numeric_code: c.numeric,
    name: c.name,
    symbol: c.symbol,
    decimals: c.decimals,
    is_active: true,
  }));
}

/** Units of `code` for 1 USD in month `m` (0–11). */
function perUsd(code: string, m: number): number {
  if (code === 'USD') return 1;
  const pegged = EURO_PEGS[code];
  if (pegged !== undefined) return PER_USD.EUR![m]! * pegged;
  const series = PER_USD[code];
  if (!series) throw new Error(`No rates for ${code}`);
  return series[m]!;
}

/**
 * Monthly rates from USD and from EUR to every other currency, valid from the first of each
 * month. Cross rates go through the dollar, so USD→XAF is USD→EUR × 655.957.
 */
export function exchangeRateRecords(): SeedRecord[] {
  const out: SeedRecord[] = [];
  for (let m = 0; m < 12; m++) {
    const validOn = `${RATES_YEAR}-${String(m + 1).padStart(2, '0')}-01`;
    for (const from of ['USD', 'EUR']) {
      for (const { code: to } of CURRENCIES) {
        if (to === from) continue;
        const fixed = from === 'EUR' ? EURO_PEGS[to] : undefined;
        out.push({
          external_id: `CORE-FX-${validOn}-${from}-${to}`,
          from_currency: ref(currencyExternalId(from)),
          to_currency: ref(currencyExternalId(to)),
          rate: fixed ?? round6(perUsd(to, m) / perUsd(from, m)),
          valid_on: validOn,
          source: fixed !== undefined ? 'fixed_parity' : 'market',
        });
      }
    }
  }
  return out;
}
