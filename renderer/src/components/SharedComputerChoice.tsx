/**
 * "This is a shared computer": whether SOA Studio remembers the membership on this computer (the default)
 * or keeps it only until the browser or app closes. Says plainly what each means, and when this browser
 * cannot remember it at all.
 */
import { useId } from 'react';
import { bridge } from '../store/catalogue';
import { canRemember } from '../store/membership';

export function SharedComputerChoice({
  checked,
  onChange,
}: {
  readonly checked: boolean;
  readonly onChange: (shared: boolean) => void;
}) {
  const id = useId();
  const hintId = useId();
  const closes = bridge() ? 'SOA Studio closes' : 'the browser closes';
  const remembers = canRemember();
  return (
    <div className="field field-check">
      <input
        id={id}
        type="checkbox"
        checked={checked || !remembers}
        disabled={!remembers}
        aria-describedby={hintId}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>This is a shared computer</label>
      <p className="field-hint" id={hintId}>
        {!remembers
          ? `This page is not on a secure (https) address, so the browser cannot keep your invite safely: you are signed in until ${closes}.`
          : checked
            ? `You stay signed in until ${closes}; then you will be asked for your invite token again.`
            : `You stay signed in on this computer (your invite is kept encrypted) until you choose Sign out.`}
      </p>
    </div>
  );
}
