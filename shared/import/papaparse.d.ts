/**
 * The part of papaparse SOA Studio uses, declared here rather than through @types/papaparse, whose
 * declarations pull Node's types into shared/ (which must run in a browser too, so a leak would go unseen).
 */
declare module 'papaparse' {
  export interface ParseError {
    readonly type: string;
    readonly code: string;
    readonly message: string;
    readonly row?: number;
  }
  export interface ParseMeta {
    readonly delimiter: string;
    readonly linebreak: string;
    /** Characters consumed so far. */
    readonly cursor: number;
    readonly aborted: boolean;
  }
  export interface ParseStepResult {
    readonly data: string[];
    readonly errors: ParseError[];
    readonly meta: ParseMeta;
  }
  export interface ParseConfig {
    readonly delimiter?: string;
    readonly header?: false;
    readonly skipEmptyLines?: boolean | 'greedy';
    readonly step?: (results: ParseStepResult) => void;
  }
  export interface ParseResult {
    readonly data: string[][];
    readonly errors: ParseError[];
    readonly meta: ParseMeta;
  }
  const Papa: { parse(input: string, config?: ParseConfig): ParseResult };
  export default Papa;
}
