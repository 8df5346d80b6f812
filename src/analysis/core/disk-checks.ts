/**
 * When untyped analysis asks the disk again whether what it read still holds (a module's mtime, the file a relative
 * specifier names). An editor lints the same file again and again as its user types, and each lint must see a change
 * saved elsewhere: there the disk is asked again for every linted file. A lint of a whole project (a CI job, `eslint .`)
 * lints each file once, while the disk holds still, and thousands of files share the modules they import: while no file
 * has been linted twice, the disk is asked again at most every few seconds. The first file linted a second time (an
 * editor's, or `--fix` linting a fixed file again) makes every later lint ask again.
 */

/** How long answers from the disk are trusted while each file is linted once. */
const checkIntervalMs = 5_000;
let check = 0;
let checkStartedAt: number | undefined;
/** The files linted so far, while none has been linted twice; undefined once one has. */
let lintedOnce: Set<string> | undefined = new Set();

/** Called as each linted file's analysis begins: starts a new check when the disk must be asked again. */
export function startLintedFileCheck(fileName: string): void {
  if (lintedOnce?.has(fileName)) lintedOnce = undefined;
  else lintedOnce?.add(fileName);
  const now = performance.now();
  if (lintedOnce && checkStartedAt !== undefined && now - checkStartedAt < checkIntervalMs) return;
  startDiskCheck();
}

/** Starts a new check: answers read from the disk so far are asked again (a scan's start). */
export function startDiskCheck(): void {
  checkStartedAt = performance.now();
  check += 1;
}

/** Changes when the disk must be asked again: an answer read from it during the same check still holds. */
export function getDiskCheck(): number {
  return check;
}

/** Has every file linted so far been linted once (a lint of a project, not an editor's)? */
export function isLintingEachFileOnce(): boolean {
  return lintedOnce !== undefined;
}

/**
 * How long an answer read from other modules is trusted even when no text read is seen to change, since a file created
 * or deleted changes none: a few seconds, a minute while each file is linted once (the disk holds still, and a
 * project's thousands of files would otherwise walk the same modules again every few seconds).
 */
export function getAnswerMaxAgeMs(): number {
  return isLintingEachFileOnce() ? 60_000 : 5_000;
}
