import { Autocomplete, Stack, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLiteral, parseLiteral, type JsonPrimitive, type LogicNode } from './logic-model.ts';

type VarNode = Extract<LogicNode, { kind: 'var' }>;
type LiteralNode = Extract<LogicNode, { kind: 'literal' }>;

interface LeafProps<N> {
  node: N;
  onChange: (next: LogicNode) => void;
  readOnly?: boolean;
}

/** A variable: picked from the paths the expression may read, or typed. */
export function VarEditor(props: LeafProps<VarNode> & { variables: readonly string[] }) {
  const { t } = useTranslation();
  const { node } = props;
  return (
    <Stack direction="row" spacing={1} sx={{ flex: 1, minWidth: 120 }}>
      <Autocomplete
        freeSolo
        autoSelect
        size="small"
        sx={{ flex: 1, minWidth: 120 }}
        options={[...props.variables]}
        value={node.path}
        disabled={props.readOnly}
        onChange={(_, v) => props.onChange({ ...node, path: v ?? '' })}
        onInputChange={(_, v, reason) => reason === 'input' && props.onChange({ ...node, path: v })}
        renderInput={(params) => <TextField {...params} label={t('editors.logic.variable')} />}
      />
      {node.form === 'fallback' && (
        <LiteralText
          width={120}
          label={t('editors.logic.fallback')}
          value={node.fallback ?? null}
          readOnly={props.readOnly}
          onChange={(fallback) => props.onChange({ ...node, fallback })}
        />
      )}
    </Stack>
  );
}

/** A value, or a list of values: numbers, booleans and null are read as such. */
export function LiteralEditor(props: LeafProps<LiteralNode>) {
  const { t } = useTranslation();
  const { node } = props;
  if (Array.isArray(node.value)) {
    const values: JsonPrimitive[] = node.value;
    return (
      <Autocomplete<string, true, false, true>
        multiple
        freeSolo
        size="small"
        sx={{ flex: 1, minWidth: 200 }}
        options={[]}
        value={values.map(formatLiteral)}
        disabled={props.readOnly}
        onChange={(_, v) => props.onChange({ kind: 'literal', value: v.map(parseLiteral) })}
        renderInput={(params) => (
          <TextField {...params} label={t('editors.logic.values')} helperText={t('editors.logic.valueHelp')} />
        )}
      />
    );
  }
  return (
    <LiteralText
      label={t('editors.logic.value')}
      value={node.value}
      readOnly={props.readOnly}
      onChange={(value) => props.onChange({ kind: 'literal', value })}
    />
  );
}

interface LiteralTextProps {
  label: string;
  value: JsonPrimitive;
  onChange: (v: JsonPrimitive) => void;
  readOnly?: boolean;
  width?: number;
}

/** One value typed as text; the text is kept while typing (`1.` stays `1.` until `1.5`). */
export function LiteralText(props: LiteralTextProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => formatLiteral(props.value));
  useEffect(() => {
    if (parseLiteral(text) !== props.value) setText(formatLiteral(props.value));
    // Only a value from outside resets the text.
  }, [props.value]);
  return (
    <TextField
      size="small"
      sx={props.width ? { width: props.width } : { flex: 1, minWidth: 140 }}
      label={props.label}
      value={text}
      disabled={props.readOnly}
      title={t('editors.logic.valueHelp')}
      onChange={(e) => {
        setText(e.target.value);
        props.onChange(parseLiteral(e.target.value));
      }}
    />
  );
}
