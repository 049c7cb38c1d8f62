/** True for MongoDB's duplicate-key error (code 11000), the loser's answer in an insert race. */
export function isDuplicateKey(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000
  );
}
