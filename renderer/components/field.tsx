// A labelled text input with an optional hint and inline error, both tied to the input
// through aria-describedby so a screen reader reads them with the field.
import { useId } from 'react';
import type { InputHTMLAttributes, Ref } from 'react';
import { ToneIcon } from './icons';

interface FieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string | null;
  type?: 'email' | 'url' | 'text';
  autoComplete?: string;
  inputMode?: InputHTMLAttributes<HTMLInputElement>['inputMode'];
  placeholder?: string;
  maxLength?: number;
  readOnly?: boolean;
  ref?: Ref<HTMLInputElement>;
}

export function Field({
  label,
  value,
  onChange,
  hint,
  error,
  type = 'text',
  autoComplete,
  inputMode,
  placeholder,
  maxLength,
  readOnly,
  ref,
}: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <input
        ref={ref}
        id={id}
        className="field__input"
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete={autoComplete}
        inputMode={inputMode}
        placeholder={placeholder}
        maxLength={maxLength}
        readOnly={readOnly}
        spellCheck={false}
        autoCapitalize="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {error && (
        <p className="field__error" id={errorId}>
          <ToneIcon tone="error" />
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}
