import { TextField } from '@mui/material';
import { useEffect, useState } from 'react';

interface HoursFieldProps {
  label: string;
  value: number | undefined;
  onChange: (next: number | undefined) => void;
  helperText?: string;
  /** Whole numbers only (a quorum). */
  integer?: boolean;
  min?: number;
  max?: number;
  readOnly?: boolean;
}

/** An optional positive number; emptied, it reports `undefined` (the key leaves the file). */
export function HoursField({
  label,
  value,
  onChange,
  helperText,
  integer,
  min,
  max = 87_600,
  readOnly,
}: HoursFieldProps) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => setText(value === undefined ? '' : String(value)), [value]);
  const n = Number(text);
  const bad =
    text !== '' &&
    (!Number.isFinite(n) || n <= 0 || n > max || (integer && !Number.isInteger(n)) || (min !== undefined && n < min));
  return (
    <TextField
      label={label}
      size="small"
      type="number"
      value={text}
      error={bad}
      helperText={helperText}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        const v = Number(next);
        if (next === '') onChange(undefined);
        else if (
          Number.isFinite(v) &&
          v > 0 &&
          v <= max &&
          (!integer || Number.isInteger(v)) &&
          (min === undefined || v >= min)
        )
          onChange(v);
      }}
      slotProps={{ htmlInput: { min: min ?? 0, max, step: integer ? 1 : 'any', readOnly } }}
    />
  );
}
