// A short-lived confirmation such as "Copied", announced politely; it takes no space when empty.
import { ToneIcon } from './icons';

export function FlashStatus({ text }: { text: string | null }) {
  return (
    <p className="flash" role="status">
      {text && (
        <>
          <ToneIcon tone="success" />
          {text}
        </>
      )}
    </p>
  );
}
