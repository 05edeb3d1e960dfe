import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { invalid, type ErrorDetail } from '../errors.ts';

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
addFormats.default(ajv);
const compiled = new WeakMap<object, ValidateFunction>();

export type JsonSchema = Record<string, unknown>;

/** A JSON object schema with these properties, `required` ones first, nothing else allowed. */
export function objectSchema(properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return { type: 'object', properties, required, additionalProperties: false };
}

/** A path a person can see: a name made of spaces is quoted, no path at all is the body. */
const place = (path: string) => (path.trim() ? path : path ? JSON.stringify(path) : '(body)');

function detail(e: ErrorObject): ErrorDetail {
  const p = e.params as Record<string, unknown>;
  const at = e.instancePath.slice(1).replace(/\//g, '.');
  switch (e.keyword) {
    case 'required':
      return {
        path: place([at, p.missingProperty].filter(Boolean).join('.')),
        code: 'required',
        message: `"${String(p.missingProperty)}" is required`,
      };
    case 'additionalProperties':
      return {
        path: place([at, p.additionalProperty].filter(Boolean).join('.')),
        code: 'unknown_property',
        message: `"${String(p.additionalProperty)}" is not a property this request takes`,
      };
    case 'type':
      return {
        path: at || '(body)',
        code: 'type',
        message: `${at ? `"${at}"` : 'The body'} must be ${String(p.type)}`,
      };
    default:
      return {
        path: at || '(body)',
        code: e.keyword,
        message: `${at ? `"${at}"` : 'The body'} ${e.message ?? 'is not valid'}`,
      };
  }
}

/** The body, checked against `schema`: a 422 naming each wrong property otherwise. */
export function checkBody<T>(body: unknown, schema: JsonSchema): T {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  const value = body === undefined ? {} : body;
  if (!validate(value)) throw invalid((validate.errors ?? []).map(detail), 'The request body is not valid');
  return value as T;
}

/** Common property schemas. */
export const S = {
  email: { type: 'string', format: 'email', maxLength: 254 },
  password: { type: 'string', minLength: 1, maxLength: 4096 },
  text: (max: number) => ({ type: 'string', minLength: 1, maxLength: max }),
  uuid: { type: 'string', format: 'uuid' },
  token: { type: 'string', minLength: 8, maxLength: 200 },
  client: { enum: ['browser', 'api'] },
} as const;
