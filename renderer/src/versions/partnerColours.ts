/**
 * Each partner's colour for the changes its members made (classes partner-colour-0 to -7 in versions.css):
 * a light background with a darker edge, always read with the app's ink (#1b1f24), which has at least 12:1
 * contrast on every one of them (WCAG 2.2 AA asks 4.5:1). Colour is never alone: every change is also
 * underlined or struck through and carries its author's initials and a label.
 */
const COLOURS = 8;

/** The colour class of the partner at `index` in the SOA's list of partners (-1, anyone else: the grey). */
export function partnerColour(index: number): string {
  return `partner-colour-${index >= 0 ? index % (COLOURS - 1) : COLOURS - 1}`;
}
