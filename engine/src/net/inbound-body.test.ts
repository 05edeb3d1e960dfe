import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InboundBodyError, parseInboundBody, type JsonValue } from './inbound-body.ts';

const LIMIT = { maxBytes: 64 * 1024 };
const parse = (contentType: string | undefined, text: string | Buffer, options = LIMIT) =>
  parseInboundBody(contentType, Buffer.isBuffer(text) ? text : Buffer.from(text), options);

/** The error code `run` throws, failing when it throws anything but an InboundBodyError. */
function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(InboundBodyError);
    return (e as InboundBodyError).code;
  }
  throw new Error('expected an InboundBodyError');
}

/** True when any object in `value` has an own key that pollutes prototypes. */
function hasPollutingKey(value: JsonValue): boolean {
  if (value === null || typeof value !== 'object') return false;
  const items = Array.isArray(value) ? value : Object.values(value);
  const keys = Array.isArray(value) ? [] : Object.getOwnPropertyNames(value);
  return keys.some((k) => ['__proto__', 'constructor', 'prototype'].includes(k)) || items.some(hasPollutingKey);
}

describe('JSON', () => {
  it('reads objects, arrays and +json types, with or without a UTF-8 charset', () => {
    expect(parse('application/json', '{"a":1,"b":[true,null,"x"]}')).toEqual({ a: 1, b: [true, null, 'x'] });
    expect(parse('Application/JSON; charset="UTF-8"', '[1,2]')).toEqual([1, 2]);
    expect(parse('application/cloudevents+json', '{"type":"t"}')).toEqual({ type: 't' });
    expect(parse('application/json', Buffer.from('\ufeff{"bom":true}'))).toEqual({ bom: true });
  });

  it('drops keys that would pollute prototypes, at any depth', () => {
    const body = '{"__proto__":{"admin":true},"a":{"constructor":{"prototype":{"admin":true}},"keep":1}}';
    const result = parse('application/json', body);
    expect(result).toEqual({ a: { keep: 1 } });
    expect(hasPollutingKey(result)).toBe(false);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['truncated', '{"a":'],
    ['not JSON', 'hello'],
    ['nested too deep', '['.repeat(150) + ']'.repeat(150)],
  ])('says malformed for a body that is %s', (_what, text) => {
    expect(codeOf(() => parse('application/json', text))).toBe('body_malformed');
  });

  it('says malformed for bytes that are not UTF-8', () => {
    expect(codeOf(() => parse('application/json', Buffer.from([0x7b, 0xff, 0x7d])))).toBe('body_malformed');
  });
});

describe('XML', () => {
  const ORDER =
    '<?xml version="1.0" encoding="UTF-8"?><order id="007"><ref>007</ref>' +
    '<note>fish &amp; chips &lt;hot&gt; &#65;</note><line>1</line><line>2</line></order>';

  it('reads elements, repeated elements as arrays, attributes under "@_", values as strings', () => {
    for (const type of ['application/xml', 'text/xml', 'application/atom+xml']) {
      expect(parse(type, ORDER)).toEqual({
        order: { '@_id': '007', ref: '007', note: 'fish & chips <hot> A', line: ['1', '2'] },
      });
    }
  });

  it('refuses a DOCTYPE, so entities are never expanded (billion laughs) nor fetched (XXE)', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>' +
      '<lolz>&lol2;</lolz>';
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>';
    for (const body of [laughs, xxe, '<!doctype r><r/>']) {
      expect(codeOf(() => parse('application/xml', body))).toBe('body_malformed');
    }
  });

  it('refuses element names that would pollute prototypes; attributes are harmless behind their prefix', () => {
    expect(codeOf(() => parse('text/xml', '<a><__proto__><admin>1</admin></__proto__></a>'))).toBe('body_malformed');
    expect(codeOf(() => parse('text/xml', '<constructor><prototype>1</prototype></constructor>'))).toBe(
      'body_malformed',
    );
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(parse('text/xml', '<a constructor="x" __proto__="y"/>')).toEqual({
      a: { '@_constructor': 'x', '@___proto__': 'y' },
    });
  });

  it.each([
    ['empty', ''],
    ['unclosed', '<a><b></a>'],
    ['plain text', 'hello'],
  ])('says malformed for XML that is %s', (_what, text) => {
    expect(codeOf(() => parse('application/xml', text))).toBe('body_malformed');
  });
});

describe('URL-encoded forms', () => {
  it('reads fields, repeated names as arrays, and drops polluting names', () => {
    const body = 'name=Ada+Lovelace&tag=a&tag=b&tag=c&note=%C3%A9t%C3%A9&__proto__=x&constructor=y';
    expect(parse('application/x-www-form-urlencoded', body)).toEqual({
      name: 'Ada Lovelace',
      tag: ['a', 'b', 'c'],
      note: 'été',
    });
    expect(parse('application/x-www-form-urlencoded', '')).toEqual({});
  });
});

describe('refusals', () => {
  it.each([undefined, '', 'text/plain', 'multipart/form-data; boundary=x', 'application/octet-stream'])(
    'refuses the content type %j as unsupported',
    (type) => {
      expect(codeOf(() => parse(type, '{}'))).toBe('body_unsupported');
    },
  );

  it('refuses a charset other than UTF-8 as unsupported', () => {
    expect(codeOf(() => parse('application/json; charset=iso-8859-1', '{}'))).toBe('body_unsupported');
  });

  it('refuses a body larger than the limit, with the status a sender understands', () => {
    const error = (() => {
      try {
        parse('application/json', '{"a":"0123456789"}', { maxBytes: 10 });
      } catch (e) {
        return e as InboundBodyError;
      }
    })();
    expect(error?.code).toBe('body_too_large');
    expect(error?.status).toBe(413);
    expect(error?.message).toContain('10 bytes');
  });

  it('gives each refusal a message a person understands and an HTTP status', () => {
    expect(() => parse('text/csv', 'a,b')).toThrow(/"text\/csv" is not accepted; send JSON, XML or a URL-encoded form/);
    expect(() => parse('application/json', '{')).toThrow(/The body could not be read/);
    expect(new InboundBodyError('body_unsupported', 'x').status).toBe(415);
    expect(new InboundBodyError('body_malformed', 'x').toJSON().error.code).toBe('body_malformed');
  });
});

describe('any bytes', () => {
  const types = fc.constantFrom(
    'application/json',
    'application/xml',
    'text/xml',
    'application/x-www-form-urlencoded',
    'text/plain',
  );
  const texts = fc.oneof(
    fc.string(),
    fc.json(),
    fc.string({ unit: fc.constantFrom('<', '>', '/', 'a', '!', '&', ';', '"', '=', ' ', '?', '[', ']', '#') }),
  );

  it('either parse to data without polluting keys or throw an InboundBodyError', () => {
    fc.assert(
      fc.property(
        types,
        fc.oneof(
          fc.uint8Array().map(Buffer.from),
          texts.map((t) => Buffer.from(t)),
        ),
        (type, raw) => {
          try {
            expect(hasPollutingKey(parseInboundBody(type, raw, LIMIT))).toBe(false);
          } catch (e) {
            expect(e).toBeInstanceOf(InboundBodyError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never pollute Object.prototype through JSON with hostile keys', () => {
    const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted', 'a');
    const hostile = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.integer(), tie('object')),
      object: fc.dictionary(hostileKey, tie('value')),
    })).object;
    fc.assert(
      fc.property(hostile, (object) => {
        const text = JSON.stringify(object);
        const result = parse('application/json', text);
        expect(hasPollutingKey(result)).toBe(false);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
    );
  });
});
