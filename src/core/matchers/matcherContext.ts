/**
 * What our matchers use of the runner's matcher context (`this` in a matcher). Structural and
 * ours, so core/ depends on no runner: Jest's `MatcherContext` satisfies it (a type test checks
 * that), and so does Vitest's `MatcherState` from @vitest/expect, with one exception:
 * `utils.matcherErrorMessage` is Jest's only, so it is optional and `matcherErrorText` falls
 * back to the same layout without it.
 *
 * Members are methods, not function-valued properties: their parameters are then compared
 * bivariantly, which lets each runner's own `Tester` type stand for our opaque `EqualityTester`.
 */
export interface MatcherContextLike {
  /** True under `.not`. Optional because Jest types it so; Vitest always sets it. */
  readonly isNot?: boolean;
  /** `'resolves'`, `'rejects'` or `''`: printed in the hint. */
  readonly promise?: string;
  /** Equality testers registered with `expect.addEqualityTesters`. */
  readonly customTesters: readonly EqualityTester[];
  /** The runner's deep equality, the one `toEqual` uses (asymmetric matchers included). */
  equals(a: unknown, b: unknown, customTesters?: readonly EqualityTester[], strictCheck?: boolean): boolean;
  readonly utils: MatcherUtilsLike;
}

/**
 * A matcher as the runners call it, typed by the matcher's own arguments: `this` is the runner's
 * matcher context, `received` what `expect()` got. Ours rather than the `expect` package's
 * `MatcherFunction`, so that the package's declarations name no runner's types: a Vitest project
 * has no `expect` package, and its type check (with `skipLibCheck: false`) must still pass.
 */
export type MatcherFunction<Args extends unknown[]> = (
  this: MatcherContextLike,
  received: unknown,
  ...args: Args
) => Promise<{ pass: boolean; message: () => string }>;

/** A runner's equality tester: we only pass them on to `equals`, so their shape stays opaque. */
export type EqualityTester = unknown;

/** The printing helpers of `this.utils` that messages use. */
export interface MatcherUtilsLike {
  matcherHint(matcherName: string, received?: string, expected?: string, options?: { isNot?: boolean; promise?: string }): string;
  printExpected(value: unknown): string;
  printReceived(value: unknown): string;
  diff(expected: unknown, received: unknown, options?: { expand?: boolean }): string | null | undefined;
  printWithType(name: string, value: unknown, print: (value: unknown) => string): string;
  /** Jest only (see above). */
  matcherErrorMessage?(hint: string, generic: string, specific?: string): string;
  EXPECTED_COLOR(text: string): string;
  RECEIVED_COLOR(text: string): string;
  readonly iterableEquality: EqualityTester;
  readonly subsetEquality: EqualityTester;
}

/**
 * The text of a matcher error (a mistake in how the matcher was called, not a failed
 * expectation): the runner's own layout when it has one, else the same layout as Jest's.
 */
export function matcherErrorText(context: MatcherContextLike, hint: string, generic: string, specific?: string): string {
  if (context.utils.matcherErrorMessage) return context.utils.matcherErrorMessage(hint, generic, specific);
  return `${hint}\n\nMatcher error: ${generic}${specific === undefined ? '' : `\n\n${specific}`}`;
}
