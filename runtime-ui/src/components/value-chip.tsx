import { Chip } from '@mui/material';

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function textOn(hex: string): '#000' | '#fff' {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m) return '#000';
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(m[1]!.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  // The contrast with black beats the contrast with white above this luminance.
  return luminance > 0.179 ? '#000' : '#fff';
}

/** A state or enum value as a coloured chip (the definition's colour, else a neutral outline). */
export function ValueChip({ label, color }: { label: string; color?: string | null }) {
  if (!label) return null;
  return color ? (
    <Chip label={label} size="small" sx={{ bgcolor: color, color: textOn(color), fontWeight: 600 }} />
  ) : (
    <Chip label={label} size="small" variant="outlined" />
  );
}
