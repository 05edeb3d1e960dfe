/** A record in the API payload shape (field names as keys, plus `external_id`). */
export type SeedRecord = Record<string, unknown>;

/** A reference to another seed record by its external id; the seed loader resolves it. */
export interface SeedRef {
  $ref: string;
}

export function ref(externalId: string): SeedRef {
  return { $ref: externalId };
}
