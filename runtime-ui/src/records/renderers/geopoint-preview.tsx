import { Box } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { project, type GeoPoint } from './geopoint.ts';

const W = 240;
const H = 120;

/**
 * Where the point lies, drawn without map tiles (nothing is fetched): a graticule every 30°, the
 * equator and the prime meridian, and a marker. A sketch to catch a swapped or mistyped
 * coordinate, not a map.
 */
export function GeopointPreview({ point }: { point: GeoPoint }) {
  const { t } = useTranslation();
  const { x, y } = project(point, W, H);
  const lines = [];
  for (let lng = -150; lng <= 150; lng += 30) {
    const gx = ((lng + 180) / 360) * W;
    lines.push(<line key={`v${lng}`} x1={gx} y1={0} x2={gx} y2={H} strokeWidth={lng === 0 ? 1.2 : 0.5} />);
  }
  for (let lat = -60; lat <= 60; lat += 30) {
    const gy = ((90 - lat) / 180) * H;
    lines.push(<line key={`h${lat}`} x1={0} y1={gy} x2={W} y2={gy} strokeWidth={lat === 0 ? 1.2 : 0.5} />);
  }
  return (
    <Box
      component="svg"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={t('renderers.mapPreview', { latitude: point.latitude, longitude: point.longitude })}
      sx={{
        width: '100%',
        maxWidth: W * 1.5,
        display: 'block',
        bgcolor: 'action.hover',
        borderRadius: 1,
        border: 1,
        borderColor: 'divider',
      }}
    >
      <Box component="g" sx={{ stroke: (th) => th.palette.text.disabled }}>
        {lines}
      </Box>
      <Box component="g" sx={{ fill: (th) => th.palette.error.main, stroke: (th) => th.palette.background.paper }}>
        <circle cx={x} cy={y} r={4} strokeWidth={1.5} />
      </Box>
    </Box>
  );
}
