import { Autocomplete, TextField } from '@mui/material';

interface NamePickerProps {
  label: string;
  value: string | undefined;
  /** Empty text gives `undefined`. */
  onChange: (next: string | undefined) => void;
  options: readonly string[];
  helperText?: string;
  readOnly?: boolean;
  error?: boolean;
}

/** A name chosen among the known ones, or typed (another bundle's, one not written yet). */
export function NamePicker(props: NamePickerProps) {
  return (
    <Autocomplete
      freeSolo
      autoSelect
      size="small"
      options={[...props.options]}
      value={props.value ?? ''}
      readOnly={props.readOnly}
      onChange={(_, v) => props.onChange(v ? String(v) : undefined)}
      onInputChange={(_, v, reason) => {
        if (reason === 'input') props.onChange(v || undefined);
      }}
      renderInput={(params) => (
        <TextField {...params} label={props.label} helperText={props.helperText} error={props.error} />
      )}
      sx={{ minWidth: 200, flex: 1 }}
    />
  );
}

interface NamesPickerProps {
  label: string;
  value: readonly string[] | undefined;
  onChange: (next: string[] | undefined) => void;
  options: readonly string[];
  readOnly?: boolean;
}

/** Several names, known or typed (Enter adds one). */
export function NamesPicker(props: NamesPickerProps) {
  return (
    <Autocomplete
      multiple
      freeSolo
      size="small"
      options={[...props.options]}
      value={[...(props.value ?? [])]}
      readOnly={props.readOnly}
      onChange={(_, v) => props.onChange(v.length > 0 ? v.map(String) : undefined)}
      renderInput={(params) => <TextField {...params} label={props.label} />}
      sx={{ minWidth: 200, flex: 1 }}
    />
  );
}
