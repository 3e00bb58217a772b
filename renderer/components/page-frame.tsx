// The page around every screen: the wordmark above, the screen's card in the middle, and
// whatever sits below the card (a footer, a live region).
import type { ReactNode } from 'react';
import { GrimoireGlyph } from './icons';

export function PageFrame({ children, below }: { children: ReactNode; below?: ReactNode }) {
  return (
    <div className="page">
      <header className="wordmark">
        <GrimoireGlyph />
        <span>PromptGrimoire</span>
      </header>
      <main className="main">{children}</main>
      {below}
    </div>
  );
}
