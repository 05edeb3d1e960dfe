import AddIcon from '@mui/icons-material/Add';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { Box, Button, Stack } from '@mui/material';
import {
  applyNodeChanges,
  Background,
  Controls,
  Panel,
  ReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type OnConnectEnd,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StateNode } from './state-node.tsx';
import { StateNodeView } from './state-node.tsx';
import type { Selection, TransitionEdgeData } from './workflow-flow.ts';
import { stateId } from './workflow-layout.ts';

const nodeTypes = { state: StateNodeView };
const indexOf = (id: string) => Number(id.slice('state-'.length));

interface WorkflowCanvasProps {
  nodes: StateNode[];
  edges: Edge<TransitionEdgeData>[];
  /** Changes when the graph's shape does: node positions are laid out again. */
  shape: string;
  readOnly?: boolean;
  onSelect: (s: Selection) => void;
  onConnect: (from: number, to: number) => void;
  onDelete: (states: number[], arrows: TransitionEdgeData[]) => void;
  onAddState: () => void;
}

/**
 * The diagram: states laid out by dagre, dragged freely for the session (positions are not
 * saved: the definition has no place for them), connected by drag to add a transition,
 * deleted with the Delete key. Every action also exists in the list beside it.
 */
export function WorkflowCanvas(props: WorkflowCanvasProps) {
  const { t } = useTranslation();
  const [nodes, setNodes] = useState(props.nodes);
  const shape = useRef(props.shape);
  const [layoutRound, setLayoutRound] = useState(0);

  // New data from the definition; positions dragged this session survive unless the shape changed.
  useEffect(() => {
    const keep = shape.current === props.shape;
    shape.current = props.shape;
    setNodes((prev) => {
      const moved = new Map(prev.map((n) => [n.id, n.position]));
      return props.nodes.map((n) => (keep && moved.has(n.id) ? { ...n, position: moved.get(n.id)! } : n));
    });
  }, [props.nodes, props.shape]);
  useEffect(() => {
    if (layoutRound) setNodes(props.nodes);
    // Only an explicit "lay out again" resets the positions here.
  }, [layoutRound]);

  const onNodesChange = (changes: NodeChange<StateNode>[]) => {
    for (const c of changes)
      if (c.type === 'select' && c.selected) props.onSelect({ kind: 'state', index: indexOf(c.id) });
    setNodes((ns) =>
      applyNodeChanges(
        changes.filter((c) => c.type !== 'remove'),
        ns,
      ),
    );
  };
  const onEdgesChange = (changes: EdgeChange<Edge<TransitionEdgeData>>[]) => {
    for (const c of changes) {
      if (c.type !== 'select' || !c.selected) continue;
      const e = props.edges.find((x) => x.id === c.id);
      if (e?.data) props.onSelect({ kind: 'transition', index: e.data.transition });
    }
  };
  const connect = (c: Connection) => {
    if (!props.readOnly && c.source && c.target) props.onConnect(indexOf(c.source), indexOf(c.target));
  };
  // Dropped on a state's body rather than on its handle: connect to that state all the same.
  const connectEnd: OnConnectEnd = (event, state) => {
    if (props.readOnly || state.isValid || !state.fromNode) return;
    const point = 'changedTouches' in event ? event.changedTouches[0] : event;
    const target = point && document.elementFromPoint(point.clientX, point.clientY)?.closest('.react-flow__node');
    const id = target?.getAttribute('data-id');
    if (id?.startsWith('state-') && id !== state.fromNode.id) props.onConnect(indexOf(state.fromNode.id), indexOf(id));
  };
  const ariaLabelConfig = useMemo(
    () => ({
      'node.a11yDescription.default': t('workflowEditor.flow.nodeHelp'),
      'node.a11yDescription.keyboardDisabled': t('workflowEditor.flow.nodeMoveHelp'),
      'node.a11yDescription.ariaLiveMessage': (p: { direction: string; x: number; y: number }) =>
        t('workflowEditor.flow.moved', p),
      'edge.a11yDescription.default': t('workflowEditor.flow.edgeHelp'),
      'controls.ariaLabel': t('workflowEditor.flow.controls'),
      'controls.zoomIn.ariaLabel': t('workflowEditor.flow.zoomIn'),
      'controls.zoomOut.ariaLabel': t('workflowEditor.flow.zoomOut'),
      'controls.fitView.ariaLabel': t('workflowEditor.flow.fitView'),
      'handle.ariaLabel': t('workflowEditor.flow.handle'),
    }),
    [t],
  );

  return (
    <Box
      role="group"
      aria-label={t('workflowEditor.canvas')}
      sx={(theme) => ({
        height: 520,
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        bgcolor: 'background.default',
        // React Flow draws no focus ring: the keyboard user must see where they are.
        '& .react-flow__node:focus-visible': {
          outline: `3px solid ${theme.palette.primary.main}`,
          outlineOffset: 4,
          borderRadius: 1,
        },
        '& .react-flow__edge:focus-visible .react-flow__edge-path': {
          stroke: theme.palette.primary.main,
          strokeWidth: 4,
        },
      })}
    >
      <ReactFlow<StateNode, Edge<TransitionEdgeData>>
        nodes={nodes}
        edges={props.edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={connect}
        onConnectEnd={connectEnd}
        onDelete={({ nodes: ns, edges: es }) =>
          props.onDelete(
            ns.map((n) => indexOf(n.id)),
            es.flatMap((e) => (e.data ? [e.data] : [])),
          )
        }
        onPaneClick={() => props.onSelect(null)}
        nodesConnectable={!props.readOnly}
        deleteKeyCode={props.readOnly ? null : ['Delete', 'Backspace']}
        elementsSelectable
        nodesFocusable
        edgesFocusable
        zoomOnDoubleClick={false}
        ariaLabelConfig={ariaLabelConfig}
        fitView
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
        <Panel position="top-left">
          <Stack direction="row" spacing={1}>
            {!props.readOnly && (
              <Button size="small" variant="contained" startIcon={<AddIcon />} onClick={props.onAddState}>
                {t('workflowEditor.addState')}
              </Button>
            )}
            <Button
              size="small"
              variant="outlined"
              sx={{ bgcolor: 'background.paper' }}
              startIcon={<AccountTreeIcon />}
              onClick={() => setLayoutRound((n) => n + 1)}
            >
              {t('workflowEditor.relayout')}
            </Button>
          </Stack>
        </Panel>
      </ReactFlow>
    </Box>
  );
}

export { stateId };
