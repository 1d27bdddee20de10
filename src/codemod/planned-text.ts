import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * A digest of a file's bytes. The removal records it when it reads a file to plan from, and checks
 * it again right before replacing the file, so an edit saved in between is never overwritten.
 */
export function contentDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A file's text as the plan is made from it, with the digest of the bytes it was decoded from. */
export function readPlannedText(path: string): { text: string; digest: string } {
  const bytes = readFileSync(path);
  return { text: bytes.toString('utf8'), digest: contentDigest(bytes) };
}
