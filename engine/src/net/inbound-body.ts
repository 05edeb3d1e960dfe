import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { OpsError } from '../errors.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type InboundBodyErrorCode = 'body_unsupported' | 'body_malformed' | 'body_too_large';

const STATUS: Record<InboundBodyErrorCode, number> = {
  body_unsupported: 415,
  body_malformed: 400,
  body_too_large: 413,
};

/** A webhook body the engine will not read; an API error, answered to the sender. */
export class InboundBodyError extends OpsError {
  constructor(code: InboundBodyErrorCode, message: string) {
    super(STATUS[code], code, message);
    this.name = 'InboundBodyError';
  }
}

export interface InboundBodyOptions {
  maxBytes: number;
}

/** Prefix of XML attributes in the result: `<order id="7">` becomes `{ order: { "@_id": "7" } }`. */
export const XML_ATTRIBUTE_PREFIX = '@_';

// Keys that would reach Object.prototype through a later merge or path assignment.
const POLLUTING_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// Deeper than any real payload; stops a nesting bomb before code that walks the result recursively.
const MAX_DEPTH = 100;

type Reader = (text: string) => JsonValue;

/**
 * A webhook body as plain data: JSON (any `+json` type too), XML (`application/xml`, `text/xml`,
 * `+xml`; no DOCTYPE, so no entity expansion or external entities; values stay strings) or an HTML
 * form (repeated names become arrays). Keys named `__proto__`, `constructor` or `prototype` are
 * dropped. Throws an `InboundBodyError` for anything else.
 */
export function parseInboundBody(
  contentType: string | undefined,
  raw: Buffer,
  { maxBytes }: InboundBodyOptions,
): JsonValue {
  const reader = readerFor(contentType);
  if (raw.length > maxBytes) throw new InboundBodyError('body_too_large', `The body is larger than ${maxBytes} bytes`);
  let value: JsonValue;
  try {
    value = reader(decodeUtf8(raw));
  } catch (e) {
    if (e instanceof InboundBodyError) throw e;
    throw new InboundBodyError('body_malformed', `The body could not be read: ${(e as Error).message}`);
  }
  return clean(value, 0);
}

function readerFor(contentType: string | undefined): Reader {
  const [essence = '', ...params] = (contentType ?? '').toLowerCase().split(';');
  const type = essence.trim();
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^"]*)"?\s*$/.exec(p)?.[1]).find(Boolean);
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') {
    throw new InboundBodyError('body_unsupported', `Only UTF-8 bodies are accepted, not ${charset}`);
  }
  if (type === 'application/json' || type.endsWith('+json')) return readJson;
  if (type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml')) return readXml;
  if (type === 'application/x-www-form-urlencoded') return readForm;
  throw new InboundBodyError(
    'body_unsupported',
    `A body of type "${type || '(none)'}" is not accepted; send JSON, XML or a URL-encoded form`,
  );
}

function decodeUtf8(raw: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new InboundBodyError('body_malformed', 'The body is not valid UTF-8');
  }
}

const readJson: Reader = (text) => JSON.parse(text) as JsonValue;

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: XML_ATTRIBUTE_PREFIX,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // XML has no types: "007" is an identifier, not the number 7.
  parseTagValue: false,
  parseAttributeValue: false,
  // Decodes the predefined entities and, through htmlEntities, character references (and HTML's
  // fixed named ones). Nothing can declare more: a DOCTYPE is refused before parsing.
  processEntities: true,
  htmlEntities: true,
});

const readXml: Reader = (text) => {
  if (/<!DOCTYPE/i.test(text)) {
    throw new InboundBodyError('body_malformed', 'XML bodies with a DOCTYPE are refused (entities could be expanded)');
  }
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    throw new InboundBodyError(
      'body_malformed',
      `The XML is not well formed: ${verdict.err.msg} (line ${verdict.err.line})`,
    );
  }
  return xmlParser.parse(text) as JsonValue;
};

const readForm: Reader = (text) => {
  const form: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    if (POLLUTING_KEYS.has(name)) continue;
    const previous = form[name];
    if (previous === undefined) form[name] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else form[name] = [previous, value];
  }
  return form;
};

/** A copy with polluting keys dropped, refused past MAX_DEPTH. */
function clean(value: JsonValue, depth: number): JsonValue {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH)
    throw new InboundBodyError('body_malformed', `The body is nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) return value.map((item) => clean(item, depth + 1));
  const copy: Record<string, JsonValue> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!POLLUTING_KEYS.has(key)) copy[key] = clean(item, depth + 1);
  }
  return copy;
}
