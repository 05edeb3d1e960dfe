import type { SeedRecord } from './seed-types.ts';

/**
 * Units of measure used in operations, with their exact conversion to the SI base unit of
 * their category (value in base unit = value × factor + offset). Definitions: international
 * yard and pound (1959), US gallon of 231 in³, oil barrel of 42 US gallons, International
 * Table BTU, mechanical horsepower (550 ft·lbf/s), nautical mile of 1,852 m.
 */

type Category =
  | 'length'
  | 'area'
  | 'volume'
  | 'mass'
  | 'time'
  | 'count'
  | 'pressure'
  | 'temperature'
  | 'speed'
  | 'flow_rate'
  | 'energy'
  | 'power';

type UnitRow = [code: string, category: Category, name: string, symbol: string, factor: number, offset?: number];

const INCH = 0.0254;
const FOOT = 0.3048;
const POUND = 0.45359237;
const US_GALLON = 0.003785411784; // 231 in³
const BARREL = 0.158987294928; // 42 US gallons
const CUBIC_FOOT = 0.028316846592;
const HOUR = 3600;
const DAY = 86400;
const BTU = 1055.05585262;
const STANDARD_GRAVITY = 9.80665;

/**
 * 15 significant digits drop the noise of binary arithmetic (0.15898729492799998); factors
 * are stored with 18 decimals, so the seed keeps no more and equals what is read back.
 */
const fit = (x: number) => Number(Number(x.toPrecision(15)).toFixed(18));

// prettier-ignore
const UNITS: UnitRow[] = [
  ['m', 'length', 'Metre', 'm', 1],
  ['km', 'length', 'Kilometre', 'km', 1000],
  ['cm', 'length', 'Centimetre', 'cm', 0.01],
  ['mm', 'length', 'Millimetre', 'mm', 0.001],
  ['in', 'length', 'Inch', 'in', INCH],
  ['ft', 'length', 'Foot', 'ft', FOOT],
  ['nmi', 'length', 'Nautical mile', 'NM', 1852],
  ['m2', 'area', 'Square metre', 'm²', 1],
  ['km2', 'area', 'Square kilometre', 'km²', 1e6],
  ['ha', 'area', 'Hectare', 'ha', 1e4],
  ['m3', 'volume', 'Cubic metre', 'm³', 1],
  ['L', 'volume', 'Litre', 'L', 0.001],
  ['bbl', 'volume', 'Oil barrel', 'bbl', BARREL],
  ['gal_us', 'volume', 'US gallon', 'gal', US_GALLON],
  ['ft3', 'volume', 'Cubic foot', 'ft³', CUBIC_FOOT],
  ['kg', 'mass', 'Kilogram', 'kg', 1],
  ['g', 'mass', 'Gram', 'g', 0.001],
  ['t', 'mass', 'Metric tonne', 't', 1000],
  ['lb', 'mass', 'Pound', 'lb', POUND],
  ['s', 'time', 'Second', 's', 1],
  ['min', 'time', 'Minute', 'min', 60],
  ['h', 'time', 'Hour', 'h', HOUR],
  ['d', 'time', 'Day', 'd', DAY],
  ['wk', 'time', 'Week', 'wk', 7 * DAY],
  ['ea', 'count', 'Each', 'ea', 1],
  ['pax', 'count', 'Person', 'pax', 1],
  ['dozen', 'count', 'Dozen', 'doz', 12],
  ['Pa', 'pressure', 'Pascal', 'Pa', 1],
  ['kPa', 'pressure', 'Kilopascal', 'kPa', 1000],
  ['bar', 'pressure', 'Bar', 'bar', 1e5],
  ['psi', 'pressure', 'Pound per square inch', 'psi', (POUND * STANDARD_GRAVITY) / INCH ** 2],
  ['K', 'temperature', 'Kelvin', 'K', 1],
  ['degC', 'temperature', 'Degree Celsius', '°C', 1, 273.15],
  ['degF', 'temperature', 'Degree Fahrenheit', '°F', 5 / 9, (459.67 * 5) / 9],
  ['m/s', 'speed', 'Metre per second', 'm/s', 1],
  ['km/h', 'speed', 'Kilometre per hour', 'km/h', 1000 / HOUR],
  ['kn', 'speed', 'Knot', 'kn', 1852 / HOUR],
  ['m3/s', 'flow_rate', 'Cubic metre per second', 'm³/s', 1],
  ['m3/h', 'flow_rate', 'Cubic metre per hour', 'm³/h', 1 / HOUR],
  ['m3/d', 'flow_rate', 'Cubic metre per day', 'm³/d', 1 / DAY],
  ['bbl/d', 'flow_rate', 'Barrel per day', 'bbl/d', BARREL / DAY],
  ['J', 'energy', 'Joule', 'J', 1],
  ['kWh', 'energy', 'Kilowatt-hour', 'kWh', 1000 * HOUR],
  ['MMBtu', 'energy', 'Million British thermal units', 'MMBtu', BTU * 1e6],
  ['W', 'power', 'Watt', 'W', 1],
  ['kW', 'power', 'Kilowatt', 'kW', 1000],
  ['MW', 'power', 'Megawatt', 'MW', 1e6],
  ['hp', 'power', 'Mechanical horsepower', 'hp', 550 * FOOT * POUND * STANDARD_GRAVITY],
];

export function unitRecords(): SeedRecord[] {
  return UNITS.map(([code, category, name, symbol, factor, offset]) => ({
    external_id: `CORE-UNIT-${code}`,
    code,
    name,
    symbol,
    category,
    factor: fit(factor),
    offset: fit(offset ?? 0),
  }));
}
