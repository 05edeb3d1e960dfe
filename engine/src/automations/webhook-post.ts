import type { Config } from '../config.ts';
import type { JobContext } from '../jobs/job-runner.ts';
import { PermanentJobError } from '../jobs/job-runner.ts';
import { createAddressPolicy, type AddressPolicy } from '../net/address-policy.ts';
import { OutboundError, safeFetch } from '../net/safe-fetch.ts';
import { OPSFLUX_SIGNATURE_HEADER, signWebhook } from '../net/webhook-signature.ts';

/** An outbound webhook, planned by an automation run and posted after it committed. */
export interface WebhookJob {
  url?: string;
  urlEnv?: string;
  secretEnv?: string;
  body: unknown;
}

const policies = new WeakMap<Config, AddressPolicy>();

/**
 * Posts the body as JSON. Internal addresses are refused unless allow-listed; the body is signed
 * (HMAC-SHA256, `x-opsflux-signature`) when a secret is configured; `x-opsflux-delivery` is the
 * same on every retry, so a receiver can drop a duplicate. 5xx, 429 and network trouble retry;
 * other refusals are final.
 */
export async function postWebhook(job: WebhookJob, config: Config, ctx: JobContext): Promise<void> {
  const url = job.url ?? (job.urlEnv ? config.variable(job.urlEnv) : undefined);
  if (!url) throw new PermanentJobError(`The webhook URL variable ${job.urlEnv ?? ''} is not set`);
  let policy = policies.get(config);
  if (!policy) {
    policy = createAddressPolicy(config.outboundAllow);
    policies.set(config, policy);
  }
  const body = JSON.stringify(job.body);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'OpsFlux-Webhook/1',
    'x-opsflux-delivery': ctx.job.id,
  };
  if (job.secretEnv) {
    const secret = config.variable(job.secretEnv);
    if (!secret) throw new PermanentJobError(`The webhook secret variable ${job.secretEnv} is not set`);
    headers[OPSFLUX_SIGNATURE_HEADER] = signWebhook(secret, body, Math.floor(ctx.now.getTime() / 1000));
  }
  let status: number;
  try {
    ({ status } = await safeFetch(
      url,
      { method: 'POST', headers, body },
      { policy, timeoutMs: 10_000, maxResponseBytes: 64 * 1024 },
    ));
  } catch (err) {
    if (err instanceof OutboundError && !err.retryable) throw new PermanentJobError(err.message);
    throw err;
  }
  const host = new URL(url).host;
  if (status >= 500 || status === 429 || status === 408) throw new Error(`${host} answered ${status}`);
  if (status >= 300) throw new PermanentJobError(`${host} refused the webhook with ${status}`);
}
