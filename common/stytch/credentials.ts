// The shape of Stytch credentials, checked before the SDK sees them, for the app's and the
// relay's configuration alike.
// Rule: no message ever repeats a secret, not even a malformed one.

/** A Stytch project ID names its environment: project-test-… or project-live-…. */
export const PROJECT_ID_SHAPE = /^project-(test|live)-[\x21-\x7e]+$/;
export const SECRET_SHAPE = /^secret-(test|live)-[\x21-\x7e]+$/;

// The SDK builds a Basic header and refuses non-ASCII; say so before it does.
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

export interface CredentialNames {
  projectId: string;
  secret: string;
}

/**
 * One message per wrong credential, named by `names` (the variables they came from).
 * `customApi`: another Stytch-compatible URL (the emulator) accepts any shape; against Stytch
 * itself both must name the same environment. A missing one is reported as
 * "<name> is required<whenMissing>.".
 */
export function credentialErrors(
  names: CredentialNames,
  given: { projectId: string | undefined; secret: string | undefined },
  options: { customApi: boolean; whenMissing?: string },
): string[] {
  const errors: string[] = [];
  const check = (name: string, value: string | undefined, shape: RegExp, example: string): string | undefined => {
    if (value === undefined) return `${name} is required${options.whenMissing ?? ''}.`;
    if (!PRINTABLE_ASCII.test(value)) return `${name} may hold only printable ASCII without spaces.`;
    if (!options.customApi && !shape.test(value)) return `${name} must look like ${example}-test-… or ${example}-live-….`;
    return undefined;
  };
  const projectError = check(names.projectId, given.projectId, PROJECT_ID_SHAPE, 'project');
  const secretError = check(names.secret, given.secret, SECRET_SHAPE, 'secret');
  if (projectError) errors.push(projectError);
  if (secretError) errors.push(secretError);
  if (errors.length > 0 || options.customApi) return errors;
  const projectEnv = PROJECT_ID_SHAPE.exec(given.projectId ?? '')?.[1];
  const secretEnv = SECRET_SHAPE.exec(given.secret ?? '')?.[1];
  if (projectEnv !== secretEnv) {
    errors.push(`${names.projectId} is a ${projectEnv ?? '?'} project but ${names.secret} is a ${secretEnv ?? '?'} secret.`);
  }
  return errors;
}
