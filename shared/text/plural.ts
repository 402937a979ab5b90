/** "1 commitment", "3 commitments", "No commitments": a count with its noun in the right number. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  if (count === 0) return `No ${plural}`;
  return `${count.toLocaleString('en-GB')} ${count === 1 ? singular : plural}`;
}
