// Decorative: whatever is busy says so in words next to it.
export function Spinner({ large = false }: { large?: boolean }) {
  return <span className={large ? 'spinner spinner--large' : 'spinner'} aria-hidden="true" />;
}
