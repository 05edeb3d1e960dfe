import FlagIcon from '@mui/icons-material/Flag';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import HowToRegIcon from '@mui/icons-material/HowToReg';
import { Box, Chip, Stack, Tooltip, Typography } from '@mui/material';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { WARNING_CHIP } from './workflow-problems.ts';
import { NODE_HEIGHT, NODE_WIDTH } from './workflow-layout.ts';

export interface StateNodeData extends Record<string, unknown> {
  label: string;
  name: string;
  color: string;
  initial: boolean;
  final: boolean;
  approval: boolean;
  /** Problem messages about this state, errors first. */
  problems: string[];
  hasError: boolean;
  words: { initial: string; final: string; approval: string; problems: string };
}

export type StateNode = Node<StateNodeData, 'state'>;

/** A state on the canvas: its colour, label and name, initial/final marks and problem badge. */
export const StateNodeView = memo(function StateNodeView({ data, selected }: NodeProps<StateNode>) {
  return (
    <Box
      sx={{
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        boxSizing: 'border-box',
        bgcolor: 'background.paper',
        border: 2,
        borderColor: selected ? 'primary.main' : data.color,
        borderLeftWidth: 8,
        borderLeftColor: data.color,
        borderRadius: data.final ? 4 : 1,
        outline: data.final ? '2px solid' : 'none',
        outlineColor: data.color,
        outlineOffset: 2,
        boxShadow: selected ? 4 : 1,
        px: 1,
        py: 0.5,
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'center',
      }}
    >
      <Handle type="target" position={Position.Left} />
      <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', minWidth: 0 }}>
        {data.initial && (
          <Tooltip title={data.words.initial}>
            <PlayArrowIcon fontSize="small" color="success" aria-label={data.words.initial} />
          </Tooltip>
        )}
        {data.final && (
          <Tooltip title={data.words.final}>
            <FlagIcon fontSize="small" aria-label={data.words.final} />
          </Tooltip>
        )}
        {data.approval && (
          <Tooltip title={data.words.approval}>
            <HowToRegIcon fontSize="small" color="action" aria-label={data.words.approval} />
          </Tooltip>
        )}
        <Typography variant="body2" noWrap sx={{ fontWeight: 600, flex: 1 }}>
          {data.label}
        </Typography>
        {data.problems.length > 0 && (
          <Tooltip title={data.problems.join('\n')}>
            <Chip
              size="small"
              color={data.hasError ? 'error' : 'warning'}
              sx={data.hasError ? undefined : WARNING_CHIP}
              label={data.problems.length}
              aria-label={data.words.problems}
            />
          </Tooltip>
        )}
      </Stack>
      <Typography variant="caption" color="text.secondary" noWrap sx={{ fontFamily: 'monospace' }}>
        {data.name}
      </Typography>
      <Handle type="source" position={Position.Right} />
    </Box>
  );
});
