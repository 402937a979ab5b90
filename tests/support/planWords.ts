/** Words of a community plan, for tests and benchmarks that type or revise text at random. */
export const PLAN_WORDS: readonly string[] = [
  'community',
  'planning',
  'partnership',
  'outcome',
  'prevention',
  'health',
  'inequalities',
  'the',
  'and',
  'we',
  'will',
  'local',
  'people',
];
