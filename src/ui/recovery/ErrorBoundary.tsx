// Whatever throws while rendering, the page never goes blank: it says what failed and offers a
// way back in one click. The fallback uses nothing from the state that failed to render.
import { Component, type ErrorInfo, type ReactNode } from "react";
import type { Recovery } from "./recovery";

interface Props {
  recovery: Recovery;
  children: ReactNode;
}

interface State {
  error: Error | null;
  busy: boolean;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, busy: false };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("The page failed to render:", error, info.componentStack);
  }

  private async recover(action: () => void | Promise<void>): Promise<void> {
    this.setState({ busy: true });
    try {
      await action();
    } finally {
      this.setState({ error: null, busy: false });
    }
  }

  override render(): ReactNode {
    const { error, busy } = this.state;
    if (!error) return this.props.children;
    const { recovery } = this.props;
    const hasPrevious = recovery.hasPrevious();
    return (
      <main className="crash" role="alert" data-testid="crash">
        <h1>The page could not show this work</h1>
        <p>
          Showing it failed with <code data-testid="crash-message">{describe(error)}</code>
        </p>
        <p>Nothing was deleted: your saved drafts are still in this browser. Choose a way back.</p>
        <div className="crash__actions">
          <button
            type="button"
            className="button button--primary"
            data-testid="crash-start-empty"
            disabled={busy}
            onClick={() => void this.recover(() => recovery.startEmpty())}
          >
            Start empty
          </button>
          {hasPrevious && (
            <button
              type="button"
              className="button"
              data-testid="crash-restore-previous"
              disabled={busy}
              onClick={() => void this.recover(() => recovery.restorePrevious())}
            >
              Restore previous draft
            </button>
          )}
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void this.recover(() => undefined)}
          >
            Try again
          </button>
        </div>
      </main>
    );
  }
}
