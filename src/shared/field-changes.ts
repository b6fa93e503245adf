// Shared by every stream's vocabulary: how a change to named fields is recorded.

/** Changed fields and their values before (null where there was none). */
export type FieldChanges<T> = {
  changes: Partial<T>;
  previous: { [F in keyof T]?: T[F] | null };
};
