import { BundleOverview } from './bundle-overview.tsx';

export function App() {
  return <BundleOverview subtitle="Runtime" />;
}
