import { BundleOverview } from '@opsflux/runtime-ui/bundle-overview';

/** The designer reuses the runtime UI's pieces, so a preview looks exactly like the real thing. */
export function App() {
  return <BundleOverview subtitle="Designer" showVersions />;
}
