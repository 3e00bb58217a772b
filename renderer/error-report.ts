// What a render error may tell the main process: the error's own message and stack, cut to
// the contract's limits. Never the view, props or state: those can hold the person's email.
// Main's logger redacts anything secret-looking on top of this.
import type * as Contract from '../preload/api';
import type { RendererErrorReport } from '../preload/api';

// The page imports types only (a value import would pull zod into its bundle); the
// annotations make the compiler fail if these ever stop matching the contract.
const ERROR_MESSAGE_MAX_LENGTH: typeof Contract.ERROR_MESSAGE_MAX_LENGTH = 1000;
const ERROR_STACK_MAX_LENGTH: typeof Contract.ERROR_STACK_MAX_LENGTH = 8000;

/** Cuts by code points, so a cut never leaves half a surrogate pair behind. */
function cut(text: string, max: number): string {
  const points = [...text];
  return points.length <= max ? text : points.slice(0, max).join('');
}

export function errorReportOf(error: unknown): RendererErrorReport {
  if (error instanceof Error) {
    return {
      message: cut(`${error.name}: ${error.message}`, ERROR_MESSAGE_MAX_LENGTH),
      stack: cut(error.stack ?? '', ERROR_STACK_MAX_LENGTH),
    };
  }
  // A thrown non-Error says only what kind of thing it was: its contents could be anything.
  return { message: `A non-error value was thrown (${error === null ? 'null' : typeof error})`, stack: '' };
}
