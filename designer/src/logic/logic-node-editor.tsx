import AddIcon from '@mui/icons-material/Add';
import CloseIcon from '@mui/icons-material/Close';
import { Box, Button, IconButton, MenuItem, Stack, TextField, Tooltip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { JsonTextField } from '../common/json-text-field.tsx';
import { LiteralEditor, VarEditor } from './logic-leaf-editors.tsx';
import {
  COMPARE_OPS,
  GROUP_OPS,
  NOT_OPS,
  newNode,
  switchKind,
  type CompareOp,
  type GroupOp,
  type LogicNode,
  type NodeKind,
  type NotOp,
} from './logic-model.ts';

export interface NodeEditorProps<N extends LogicNode = LogicNode> {
  node: N;
  onChange: (next: LogicNode) => void;
  onRemove?: () => void;
  variables: readonly string[];
  readOnly?: boolean;
}

const KINDS: NodeKind[] = ['compare', 'group', 'not', 'in', 'if', 'var', 'literal', 'raw'];

/** One part of an expression: its kind (which may be changed), its own editor, a remove button. */
export function LogicNodeEditor(props: NodeEditorProps) {
  const { t } = useTranslation();
  const { node } = props;
  const Body = BODIES[node.kind] as (p: NodeEditorProps) => ReactNode;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', width: '100%' }}>
      <TextField
        select
        size="small"
        sx={{ flexShrink: 0, width: 140 }}
        label={t('editors.logic.kind')}
        value={node.kind}
        disabled={props.readOnly}
        onChange={(e) => props.onChange(switchKind(node, e.target.value as NodeKind, props.variables[0]))}
      >
        {KINDS.map((k) => (
          <MenuItem key={k} value={k}>
            {t(`editors.logic.kinds.${k}`)}
          </MenuItem>
        ))}
      </TextField>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Body {...props} />
      </Box>
      {props.onRemove && !props.readOnly && (
        <Tooltip title={t('editors.logic.removePart')}>
          <IconButton size="small" aria-label={t('editors.logic.removePart')} onClick={props.onRemove}>
            <CloseIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      )}
    </Stack>
  );
}

/** A nested part, indented so the tree reads at a glance. */
function Nested(props: NodeEditorProps) {
  return (
    <Box sx={{ pl: 1.5, borderLeft: 2, borderColor: 'divider', py: 0.5 }}>
      <LogicNodeEditor {...props} />
    </Box>
  );
}

function OpSelect<T extends string>(props: {
  value: T;
  ops: readonly T[];
  labels: string;
  onChange: (op: T) => void;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      select
      size="small"
      sx={{ minWidth: 130 }}
      label={t('editors.logic.operator')}
      value={props.value}
      disabled={props.readOnly}
      onChange={(e) => props.onChange(e.target.value as T)}
    >
      {props.ops.map((op) => (
        <MenuItem key={op} value={op}>
          {t(`${props.labels}.${op}`)}
        </MenuItem>
      ))}
    </TextField>
  );
}

type Of<K extends NodeKind> = NodeEditorProps<Extract<LogicNode, { kind: K }>>;

const child = (
  props: NodeEditorProps,
  key: string | number,
  node: LogicNode,
  onChange: (n: LogicNode) => void,
  onRemove?: () => void,
) => (
  <Nested
    key={key}
    node={node}
    onChange={onChange}
    onRemove={onRemove}
    variables={props.variables}
    readOnly={props.readOnly}
  />
);

/** Two operands around an operator, side by side when there is room. */
function Sides(props: { left: ReactNode; middle: ReactNode; right: ReactNode }) {
  return (
    <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <Box sx={{ flex: '1 1 300px', minWidth: 0 }}>{props.left}</Box>
      <Box sx={{ flex: '0 0 auto' }}>{props.middle}</Box>
      <Box sx={{ flex: '1 1 300px', minWidth: 0 }}>{props.right}</Box>
    </Stack>
  );
}

function GroupBody(props: Of<'group'>) {
  const { t } = useTranslation();
  const { node } = props;
  const set = (children: LogicNode[]) => props.onChange({ ...node, children });
  return (
    <Stack spacing={1}>
      <OpSelect<GroupOp>
        value={node.op}
        ops={GROUP_OPS}
        labels="editors.logic.groupOps"
        readOnly={props.readOnly}
        onChange={(op) => props.onChange({ ...node, op })}
      />
      {node.children.map((c, i) =>
        child(
          props,
          i,
          c,
          (n) => set(node.children.map((x, j) => (j === i ? n : x))),
          () => set(node.children.filter((_, j) => j !== i)),
        ),
      )}
      {!props.readOnly && (
        <Box>
          <Button
            size="small"
            startIcon={<AddIcon />}
            onClick={() => set([...node.children, newNode('compare', props.variables[0])])}
          >
            {t('editors.logic.addCondition')}
          </Button>
        </Box>
      )}
    </Stack>
  );
}

function NotBody(props: Of<'not'>) {
  const { node } = props;
  return (
    <Stack spacing={1}>
      <OpSelect<NotOp>
        value={node.op}
        ops={NOT_OPS}
        labels="editors.logic.notOps"
        readOnly={props.readOnly}
        onChange={(op) => props.onChange({ ...node, op })}
      />
      {child(props, 'child', node.child, (c) => props.onChange({ ...node, child: c }))}
    </Stack>
  );
}

function CompareBody(props: Of<'compare'>) {
  const { node } = props;
  return (
    <Sides
      left={child(props, 'left', node.left, (left) => props.onChange({ ...node, left }))}
      middle={
        <OpSelect<CompareOp>
          value={node.op}
          ops={COMPARE_OPS}
          labels="editors.logic.compareOps"
          readOnly={props.readOnly}
          onChange={(op) => props.onChange({ ...node, op })}
        />
      }
      right={child(props, 'right', node.right, (right) => props.onChange({ ...node, right }))}
    />
  );
}

function InBody(props: Of<'in'>) {
  const { t } = useTranslation();
  const { node } = props;
  return (
    <Sides
      left={child(props, 'left', node.left, (left) => props.onChange({ ...node, left }))}
      middle={
        <Typography variant="body2" sx={{ pt: 1 }}>
          {t('editors.logic.isIn')}
        </Typography>
      }
      right={child(props, 'right', node.right, (right) => props.onChange({ ...node, right }))}
    />
  );
}

function IfBody(props: Of<'if'>) {
  const { t } = useTranslation();
  const { args } = props.node;
  const set = (next: LogicNode[]) => props.onChange({ kind: 'if', args: next });
  const at = (i: number) => (n: LogicNode) => set(args.map((x, j) => (j === i ? n : x)));
  const pairs = Math.floor(args.length / 2);
  const rows: ReactNode[] = [];
  for (let p = 0; p < pairs; p++) {
    const remove = pairs > 1 ? () => set(args.filter((_, j) => j !== 2 * p && j !== 2 * p + 1)) : undefined;
    rows.push(
      <Box key={p}>
        <Typography variant="caption">{t('editors.logic.if')}</Typography>
        {child(props, 'if', args[2 * p]!, at(2 * p), remove)}
        <Typography variant="caption">{t('editors.logic.then')}</Typography>
        {child(props, 'then', args[2 * p + 1]!, at(2 * p + 1))}
      </Box>,
    );
  }
  if (args.length % 2 === 1)
    rows.push(
      <Box key="else">
        <Typography variant="caption">{t('editors.logic.else')}</Typography>
        {child(props, 'else', args[args.length - 1]!, at(args.length - 1))}
      </Box>,
    );
  const addBranch = () => {
    const cut = pairs * 2;
    set([...args.slice(0, cut), newNode('compare', props.variables[0]), newNode('literal'), ...args.slice(cut)]);
  };
  return (
    <Stack spacing={1}>
      {rows}
      {!props.readOnly && (
        <Box>
          <Button size="small" startIcon={<AddIcon />} onClick={addBranch}>
            {t('editors.logic.addBranch')}
          </Button>
        </Box>
      )}
    </Stack>
  );
}

function RawBody(props: Of<'raw'>) {
  const { t } = useTranslation();
  return (
    <JsonTextField
      size="small"
      label={t('editors.logic.expression')}
      value={props.node.json}
      readOnly={props.readOnly}
      onChange={(json) => props.onChange({ kind: 'raw', json })}
    />
  );
}

/** The editor of each kind of part. Adding a kind: its model in logic-model.ts and a line here. */
const BODIES: { [K in NodeKind]: (p: Of<K>) => ReactNode } = {
  group: GroupBody,
  not: NotBody,
  compare: CompareBody,
  in: InBody,
  if: IfBody,
  var: (p) => <VarEditor {...p} />,
  literal: (p) => <LiteralEditor {...p} />,
  raw: RawBody,
};
