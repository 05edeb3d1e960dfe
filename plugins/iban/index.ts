import { definePlugin, PluginError } from '@opsflux/engine/plugin';
import { checkIban, COUNTRIES, ibanCountry, isIban, maskIban, normalizeIban, printIban } from './iban.ts';

/**
 * IBANs for OpsFlux: a field format that stores and checks them, rule operations that read
 * them, an action that writes their printed (or masked) form into a field, and a route that
 * checks one. See README.md.
 */
export default definePlugin({
  name: 'iban',
  version: '1.0.0',
  description: 'International bank account numbers (ISO 13616): check, normalize, print and mask',

  fieldTypes: {
    /** `{ "type": "string", "format": "iban.iban", "maxLength": 34 }` */
    iban: { label: 'IBAN', normalize: normalizeIban, validate: checkIban },
  },

  ruleOperations: {
    /** `{ "iban.valid": [{ "var": "account" }] }` → true or false */
    valid: (value) => isIban(value),
    /** `{ "iban.country": [{ "var": "account" }] }` → `FR`, or null for what is not a valid IBAN */
    country: (value) => ibanCountry(value),
  },

  actions: {
    /**
     * `"params": { "value": { "var": "record.account" }, "into": "account_printed", "masked": true }`
     * writes the printed (or masked) IBAN into the field `into` of the event's record.
     */
    async print({ params, updateRecord }) {
      const { value, into, masked } = params;
      if (typeof into !== 'string' || !into) throw new PluginError('"into" must name the field to write');
      if (value === null || value === undefined || value === '') return { skipped: 'no IBAN' };
      if (!isIban(value)) return { skipped: 'not a valid IBAN' };
      const iban = normalizeIban(value as string);
      const text = masked ? maskIban(iban) : printIban(iban);
      const updated = await updateRecord({ [into]: text });
      // The execution log keeps the country, not the account number.
      return updated ? { field: into, country: iban.slice(0, 2), masked: !!masked } : { skipped: 'the record is gone' };
    },
  },

  routes: [
    {
      method: 'GET',
      path: '/check',
      handler({ query, principal, log }) {
        if (typeof query.value !== 'string' || !query.value)
          throw new PluginError('Give the IBAN to check: ?value=FR76...', { code: 'value_missing' });
        const iban = normalizeIban(query.value);
        const verdict = checkIban(iban);
        log.debug({ user: principal.userId, valid: verdict === true }, 'IBAN checked');
        return verdict === true
          ? { valid: true, iban, printed: printIban(iban), country: iban.slice(0, 2) }
          : { valid: false, problem: verdict };
      },
    },
    { method: 'GET', path: '/countries', handler: () => ({ data: COUNTRIES }) },
  ],
});
