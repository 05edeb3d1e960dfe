import { ApiError } from '@opsflux/runtime-ui/api-error';
import { describe, expect, it } from 'vitest';
import { errorMessage } from './error-message.ts';

const t = (key: string) => `[${key}]`;

describe('errorMessage', () => {
  it('gives the engine’s message with the fields its details name, without repeating it', () => {
    const e = new ApiError(422, 'invalid', 'The body is invalid', [
      { path: 'name', code: 'pattern', message: 'lowercase letters only' },
      { path: 'content', code: 'type', message: 'The body is invalid' },
    ]);
    expect(errorMessage(e, t)).toBe('The body is invalid — name: lowercase letters only');
  });

  it('speaks plainly of a network failure or a refusal, and of anything else', () => {
    expect(errorMessage(new ApiError(0, 'network_error', 'x'), t)).toBe('[errors.network]');
    expect(errorMessage(new ApiError(403, 'forbidden', 'x'), t)).toBe('[errors.forbidden]');
    expect(errorMessage(new Error('boom'), t)).toBe('boom');
    expect(errorMessage('??', t)).toBe('[errors.unknown]');
    expect(errorMessage(null, t)).toBe('');
  });
});
