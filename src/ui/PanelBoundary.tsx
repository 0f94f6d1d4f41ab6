// An error boundary around one panel: if the panel throws while rendering (or its chart while
// drawing, see useChart), it shows which panel failed, why, and how to recover, and the rest of the
// app keeps working. It tries again by itself when `resetKey` changes (new checkpoints, another file).
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** what the reader calls the panel ("spectrum", "neurons", …) */
  name: string;
  /** a change of this value clears the failure and renders the panel again */
  resetKey?: unknown;
  children?: ReactNode;
}

interface State {
  error: Error | undefined;
}

export class PanelBoundary extends Component<Props, State> {
  state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    // one line in the console for whoever debugs it; the page itself says what happened
    console.warn(
      `eigenalign: the ${this.props.name} panel failed: ${error.message}`,
      info.componentStack?.split('\n').slice(0, 4).join('\n'),
    );
  }

  componentDidUpdate(previous: Props): void {
    if (this.state.error && !Object.is(previous.resetKey, this.props.resetKey)) this.setState({ error: undefined });
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const message = (error.message || error.name || 'unknown error').replace(/\s+/g, ' ').slice(0, 300);
    return (
      <section className="panel panel-error" role="alert" data-testid="panel-error" data-panel={this.props.name}>
        <header>
          <h2>{this.props.name[0].toUpperCase() + this.props.name.slice(1)}</h2>
        </header>
        <p className="error">
          The {this.props.name} panel could not be drawn: {message}
        </p>
        <p className="panel-sub">
          The other panels and the controls keep working. Try again, open another run file, go back to a live run, or
          reload the page.{' '}
          <button type="button" data-testid="panel-retry" onClick={() => this.setState({ error: undefined })}>
            Try again
          </button>
        </p>
      </section>
    );
  }
}
