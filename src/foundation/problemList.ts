/**
 * Every problem of one input in a single message, so that a user fixes them all in one go.
 * One problem follows the heading on its line (`jest-eventbridge: invalid options. <problem>`);
 * several go below it, one per line (`<heading>\n  - <a>\n  - <b>`).
 */
export interface ProblemListOptions {
  /**
   * Whether a single problem is preceded by the heading. The CLI's usage errors print a lone
   * problem as the whole message ("missing command: sweep, emulator."). @default true
   */
  readonly headingForOne?: boolean;
}

/** The problems as one message; `problems` must not be empty. */
export function formatProblemList(heading: string, problems: readonly string[], options: ProblemListOptions = {}): string {
  if (problems.length === 1) {
    const [only = ''] = problems;
    return options.headingForOne === false ? only : `${heading} ${only}`;
  }
  return `${heading}\n${problems.map((problem) => `  - ${problem}`).join('\n')}`;
}
