import { useEffect, useState } from 'react';

import { pickText as pickLabel, type I18nText } from '@opsflux/definitions';

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
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; bundles: BundleSummary[] };

/** The label in English (else another language), or `fallback` when there is none. */
const pickText = (text: I18nText | undefined, fallback: string) => pickLabel(text) || fallback;

async function fetchBundles(signal: AbortSignal): Promise<BundleSummary[]> {
  const res = await fetch('/api/v1/meta/bundles', { signal, headers: { Accept: 'application/json' } });
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

  useEffect(() => {
    const controller = new AbortController();
    fetchBundles(controller.signal).then(
      (bundles) => setState({ status: 'ready', bundles }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        const message = err instanceof Error ? err.message : String(err);
        setState({ status: 'error', message });
      },
    );
    return () => controller.abort();
  }, []);

  return (
    <>
      <header>
        <h1>OpsFlux</h1>
        <p>{subtitle}</p>
      </header>
      <main aria-busy={state.status === 'loading'}>
        <h2>Installed bundles</h2>
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
