// Shapes shared by the console's modules (type-checked with tsconfig.console.json; not served).
import type { ApiClient } from './api-client.js';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
  endsAt: string;
}

export type Language = 'zh' | 'en';

export interface ScreenContext {
  api: ApiClient;
  session: Session;
  language: Language;
  /** Goes to another screen (a path under /console); no personal data in paths. */
  navigate(path: string): void;
  /** A keydown handler active while this screen is shown (not called while typing in a field or a dialog is open). */
  onKey(handler: (event: KeyboardEvent) => void): void;
  /** Called when the operator leaves the screen: drop unmasked values and timers here. */
  onLeave(cleanup: () => void): void;
  /** A short message in the status bar (read out by screen readers). */
  notify(message: string, kind?: 'info' | 'error'): void;
}

export interface Screen {
  /** e.g. /console/review */
  path: string;
  title: { zh: string; en: string };
  /** Roles that see the screen in the navigation and may open it. */
  roles: string[];
  render(root: HTMLElement, context: ScreenContext): void | Promise<void>;
}

export interface SignInContext {
  api: ApiClient;
  language: Language;
  onSignedIn(session: Session): void;
}
