import { Alert, Button } from '@mui/material';
import { Component, type ReactNode } from 'react';

interface Props {
  /** Words shown when the editor failed (already translated). */
  message: string;
  action: string;
  onFallback: () => void;
  children: ReactNode;
}

/** An editor that throws (or fails to load) leaves the workspace standing and offers raw JSON. */
export class EditorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" onClick={this.props.onFallback}>
            {this.props.action}
          </Button>
        }
      >
        {this.props.message} {this.state.error.message}
      </Alert>
    );
  }
}
