import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { Box, FormHelperText, FormLabel, Link, Stack, TextField } from '@mui/material';
import { and, isControl, rankWith, schemaMatches, type ControlProps, type RankedTester } from '@jsonforms/core';
import { useJsonForms, withJsonFormsControlProps } from '@jsonforms/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { externalMapUrl, isGeoPoint, readPoint, type CoordinateError, type GeoPoint } from './geopoint.ts';
import { GeopointPreview } from './geopoint-preview.tsx';
import { formatDecimal } from './locale-number.ts';

/**
 * A position as latitude and longitude typed in the user's language, checked as typed (range,
 * both or neither), with a sketch of where it lies and a link that opens it in a map.
 */
function GeopointControl(props: ControlProps) {
  const { t } = useTranslation();
  const lang = useJsonForms().i18n?.locale ?? 'en';
  const labelId = useId();
  const stored = isGeoPoint(props.data) ? props.data : null;
  const shown = (axis: keyof GeoPoint) => (stored ? formatDecimal(stored[axis], lang, { grouping: false }) : '');
  const [texts, setTexts] = useState<{ latitude: string; longitude: string } | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof GeoPoint, CoordinateError>>>({});
  if (!props.visible) return null;
  const current = texts ?? { latitude: shown('latitude'), longitude: shown('longitude') };
  const change = (axis: keyof GeoPoint, value: string) => {
    const next = { ...current, [axis]: value };
    setTexts(next);
    const read = readPoint(next.latitude, next.longitude, lang);
    setErrors(read.errors);
    if (Object.keys(read.errors).length === 0) props.handleChange(props.path, read.point ?? undefined);
  };
  const message = (axis: keyof GeoPoint) => {
    const code = errors[axis];
    if (!code) return undefined;
    return t(`renderers.coordinate.${code}`, { limit: axis === 'latitude' ? 90 : 180 });
  };
  const field = (axis: keyof GeoPoint) => (
    <TextField
      id={`${props.id}-${axis}`}
      label={t(`renderers.${axis}`)}
      value={current[axis]}
      disabled={!props.enabled}
      required={props.required}
      onChange={(e) => change(axis, e.target.value)}
      onBlur={() => Object.keys(errors).length === 0 && setTexts(null)}
      error={!!errors[axis]}
      helperText={message(axis)}
      slotProps={{ htmlInput: { inputMode: 'decimal', autoComplete: 'off' } }}
      sx={{ flex: 1, minWidth: 140 }}
    />
  );
  return (
    <Box role="group" aria-labelledby={labelId}>
      <FormLabel id={labelId} required={props.required} error={props.errors.length > 0}>
        {props.label}
      </FormLabel>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mt: 1, alignItems: { md: 'flex-start' } }}>
        <Stack direction="row" spacing={1} sx={{ flex: 1, flexWrap: 'wrap', rowGap: 1 }}>
          {field('latitude')}
          {field('longitude')}
        </Stack>
        {stored && (
          <Stack spacing={0.5} sx={{ width: { xs: '100%', md: 260 } }}>
            <GeopointPreview point={stored} />
            <Link href={externalMapUrl(stored)} target="_blank" rel="noopener noreferrer" variant="body2">
              {t('renderers.openMap')} <OpenInNewIcon sx={{ fontSize: 14, verticalAlign: 'middle' }} />
            </Link>
          </Stack>
        )}
      </Stack>
      {(props.errors || props.description) && (
        <FormHelperText error={props.errors.length > 0}>{props.errors || props.description}</FormHelperText>
      )}
    </Box>
  );
}

// Testers see the root schema: `schemaMatches` resolves the control's own.
export const geopointTester: RankedTester = rankWith(
  10,
  and(
    isControl,
    schemaMatches((s) => s['x-geopoint' as never] === true),
  ),
);
export const GeopointRenderer = withJsonFormsControlProps(GeopointControl);
