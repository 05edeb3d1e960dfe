import { useEffect, useState } from 'react';

import { pickText as pickLabel, type I18nText } from '@opsflux/definitions';

import { SignInPage } from './auth/sign-in-page.tsx';

interface EntitySummary {
  name: string;
  label?: I18nText;
}

interface BundleSummary {
  name: string;
  version: string;
  title?: I18nText;
  entities?: EntitySummary[];
}

type LoadState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'error'; message: string }
  | { status: 'ready'; bundles: BundleSummary[] };

class SignedOut extends Error {}

/** The label in English (else another language), or `fallback` when there is none. */
const pickText = (text: I18nText | undefined, fallback: string) => pickLabel(text) || fallback;

async function fetchBundles(signal: AbortSignal): Promise<BundleSummary[]> {
  const res = await fetch('/api/v1/meta/bundles', {
    signal,
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  });
  if (res.status === 401) throw new SignedOut();
  if (!res.ok) throw new Error(`the engine answered HTTP ${res.status} ${res.statusText}`.trim());
  const body: unknown = await res.json().catch(() => {
    throw new Error('the engine did not answer with JSON');
  });
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new Error('the answer has no "data" list');
  return data as BundleSummary[];
}

/** The installed bundles and their entities; shared by the runtime UI and the designer. */
export function BundleOverview({ subtitle, showVersions = false }: { subtitle: string; showVersions?: boolean }) {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchBundles(controller.signal).then(
      (bundles) => setState({ status: 'ready', bundles }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        if (err instanceof SignedOut) return setState({ status: 'signed-out' });
        const message = err instanceof Error ? err.message : String(err);
        setState({ status: 'error', message });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  return (
    <>
      <header>
        <h1>OpsFlux</h1>
        <p>{subtitle}</p>
      </header>
      <main aria-busy={state.status === 'loading'}>
        {state.status === 'signed-out' && <SignInPage onSignedIn={() => setAttempt((n) => n + 1)} />}
        {state.status !== 'signed-out' && <h2>Installed bundles</h2>}
        {state.status === 'loading' && <p className="muted">Loading…</p>}
        {state.status === 'error' && (
          <p className="error" role="alert">
            Could not load the installed bundles: {state.message}. Is the engine running?
          </p>
        )}
        {state.status === 'ready' && state.bundles.length === 0 && <p className="muted">No bundle is installed yet.</p>}
        {state.status === 'ready' &&
          state.bundles.map((bundle) => (
            <section className="bundle" key={bundle.name}>
              <h3>
                {pickText(bundle.title, bundle.name)}{' '}
                {showVersions && (
                  <span className="muted">
                    {bundle.name} v{bundle.version}
                  </span>
                )}
              </h3>
              {bundle.entities && bundle.entities.length > 0 ? (
                <ul>
                  {bundle.entities.map((entity) => (
                    <li key={entity.name}>{pickText(entity.label, entity.name)}</li>
                  ))}
                </ul>
              ) : (
                <p className="muted">No entities.</p>
              )}
            </section>
          ))}
      </main>
    </>
  );
}
