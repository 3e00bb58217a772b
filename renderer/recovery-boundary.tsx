// The last wall between a render error and a blank window. Anything the app throws while
// rendering lands here: the error is reported to main (redacted, no view data) and the
// recovery screen takes the app's place. Reload starts the page again; main still holds
// the session, so the person comes back to the screen they were on.
import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import type { GrimoireApi } from '../preload/api';
import { errorReportOf } from './error-report';
import { RecoveryScreen } from './screens/recovery-screen';

interface RecoveryBoundaryProps {
  api: GrimoireApi | undefined;
  children: ReactNode;
  /** How the page starts again; location.reload in the app. */
  reload?: () => void;
}

interface RecoveryBoundaryState {
  failed: boolean;
  /** The code main logged the error under, once it has answered. */
  reference: string | null;
}

export class RecoveryBoundary extends Component<RecoveryBoundaryProps, RecoveryBoundaryState> {
  override state: RecoveryBoundaryState = { failed: false, reference: null };

  static getDerivedStateFromError(): Partial<RecoveryBoundaryState> {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, _info: ErrorInfo): void {
    const { api } = this.props;
    if (!api) return;
    // The component stack is left out: React's own frames add nothing the stack lacks.
    // Nothing here may throw: an error out of componentDidCatch would blank the page.
    const reported = (async () => api.reportRendererError(errorReportOf(error)))();
    reported.then(
      (result) => {
        if (result.ok) this.setState({ reference: result.value.code });
      },
      () => undefined, // main is unreachable: the screen still offers Reload.
    );
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <RecoveryScreen
        api={this.props.api}
        reference={this.state.reference}
        onReload={this.props.reload ?? (() => window.location.reload())}
      />
    );
  }
}
