import { Box, Paper, Typography } from '@mui/material';
import { LANGUAGES, type Language, type WorkflowDefinition } from '@opsflux/definitions';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DefinitionEditorProps } from '../editor-types.ts';
import '../i18n/flow-messages.ts';
import { draftEntities, entityFields, roleOptions } from './draft-lookups.ts';
import { selectionOfPointer, type Selection } from './selection.ts';
import { StatePanel } from './state-panel.tsx';
import { TransitionPanel } from './transition-panel.tsx';
import { WorkflowCanvas } from './workflow-canvas.tsx';
import { buildFlow, type FlowWords } from './workflow-flow.ts';
import { layoutStates, shapeKey } from './workflow-layout.ts';
import { addState, addTransition, removeMany, removeState, removeTransition } from './workflow-ops.ts';
import { WorkflowOutline } from './workflow-outline.tsx';
import { WorkflowProblemList } from './workflow-problem-list.tsx';
import { WorkflowSettings } from './workflow-settings.tsx';
import { workflowProblems } from './workflow-problems.ts';

/** A file being written may lack its lists; the editor reads it as empty ones. */
function normalize(value: unknown): WorkflowDefinition {
  const v = (value && typeof value === 'object' ? value : {}) as Partial<WorkflowDefinition>;
  return {
    ...v,
    name: v.name ?? '',
    entity: v.entity ?? '',
    states: Array.isArray(v.states) ? v.states : [],
    transitions: Array.isArray(v.transitions) ? v.transitions : [],
  } as WorkflowDefinition;
}

/**
 * The workflow designer: the diagram (React Flow, laid out by dagre), the same workflow as
 * keyboard-friendly lists, a properties panel for the selected state or transition, and the
 * problems found on the way — computed here at each change, and the engine's on validation.
 */
export function WorkflowEditor(props: DefinitionEditorProps<WorkflowDefinition>) {
  const { t, i18n } = useTranslation();
  const lang = (LANGUAGES as readonly string[]).includes(i18n.resolvedLanguage ?? '')
    ? (i18n.resolvedLanguage as Language)
    : 'en';
  const def = useMemo(() => normalize(props.value), [props.value]);
  const [selection, setSelection] = useState<Selection>(null);
  const { onChange, readOnly } = props;
  const change = useCallback((next: WorkflowDefinition) => !readOnly && onChange(next), [onChange, readOnly]);

  useEffect(() => {
    const s = selectionOfPointer(props.focusPointer);
    if (s) setSelection(s);
  }, [props.focusPointer]);
  // A selection that no longer exists (removed meanwhile) is dropped.
  const current =
    selection && (selection.kind === 'state' ? def.states : def.transitions)[selection.index] ? selection : null;

  const problems = useMemo(() => workflowProblems(def), [def]);
  const fields = useMemo(() => entityFields(props.context, def.entity), [props.context, def.entity]);
  const roles = useMemo(() => roleOptions(props.context), [props.context]);
  const entities = useMemo(() => [...draftEntities(props.context).keys()], [props.context]);
  const shape = shapeKey(def);
  // Positions depend on the shape only, so typing a label does not move anything.
  const points = useMemo(() => layoutStates(def), [shape]);
  const words: FlowWords = useMemo(
    () => ({
      stateAria: (label, name) => t('workflowEditor.stateAria', { label, name }),
      transitionAria: (label, name, from, to) => t('workflowEditor.transitionAria', { label, name, from, to }),
      problem: (p) => t(`workflowEditor.problems.${p.code}`, p.params),
      count: (count) => t('workflowEditor.problemCount', { count }),
      initial: t('workflowEditor.initial'),
      final: t('workflowEditor.final'),
      approval: t('workflowEditor.approvalMark'),
    }),
    [t],
  );
  const flow = useMemo(
    () => buildFlow(def, points, problems, current, lang, words),
    [def, points, problems, current, lang, words],
  );

  const addNewState = () => {
    const next = addState(def);
    change(next);
    setSelection({ kind: 'state', index: next.states.length - 1 });
  };
  const connect = (from: string, to: string) => {
    const next = addTransition(def, from, to);
    change(next);
    setSelection({ kind: 'transition', index: next.transitions.length - 1 });
  };
  const panelProps = { def, onChange: change, roles, fields, readOnly };

  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: { xs: '1fr', lg: '240px minmax(0, 1fr) 420px' },
        alignItems: 'start',
      }}
    >
      <Paper variant="outlined" sx={{ p: 1.5, order: { xs: 2, lg: 1 } }}>
        <WorkflowOutline
          def={def}
          problems={problems}
          selection={current}
          lang={lang}
          readOnly={readOnly}
          onSelect={setSelection}
          onAddState={addNewState}
          onRemoveState={(i) => change(removeState(def, i))}
          onAddTransition={connect}
          onRemoveTransition={(i) => change(removeTransition(def, i))}
        />
      </Paper>
      <Box sx={{ order: { xs: 1, lg: 2 }, minWidth: 0 }}>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} id="wf-canvas-help">
          {def.states.length ? t('workflowEditor.canvasHelp') : t('workflowEditor.empty')}
        </Typography>
        <WorkflowCanvas
          nodes={flow.nodes}
          edges={flow.edges}
          shape={shape}
          readOnly={readOnly}
          onSelect={setSelection}
          onConnect={(from, to) => connect(def.states[from]!.name, def.states[to]!.name)}
          onDelete={(states, arrows) => change(removeMany(def, states, arrows))}
          onAddState={addNewState}
        />
        <Paper variant="outlined" sx={{ p: 1.5, mt: 2 }}>
          <WorkflowProblemList problems={problems} issues={props.issues} onSelect={setSelection} />
        </Paper>
      </Box>
      <Paper variant="outlined" sx={{ p: 1.5, order: 3 }}>
        {current?.kind === 'state' ? (
          <StatePanel key={`s${current.index}`} index={current.index} {...panelProps} />
        ) : current?.kind === 'transition' ? (
          <TransitionPanel key={`t${current.index}`} index={current.index} {...panelProps} />
        ) : (
          <WorkflowSettings def={def} entities={entities} onChange={change} readOnly={readOnly} />
        )}
      </Paper>
    </Box>
  );
}
