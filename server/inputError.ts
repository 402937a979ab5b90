/** A mistake in what the administrator or a client asked for: shown as one plain-English line, never a stack. */
export class InputError extends Error {}
