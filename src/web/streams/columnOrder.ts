// Reordering a board's columns: one step left or right from the column menu, or dropped onto another
// column's place by dragging its header. Each answers the full list of ids the server expects.

/** Moves `id` one place left (-1) or right (+1); the same list when it is already at that end. */
export function moveColumnBy(ids: readonly string[], id: string, step: -1 | 1): string[] {
  const from = ids.indexOf(id);
  const to = from + step;
  if (from < 0 || to < 0 || to >= ids.length) return [...ids];
  const next = [...ids];
  next.splice(from, 1);
  next.splice(to, 0, id);
  return next;
}

/** Puts the dragged column where the target column is; the target shifts towards the dragged one's old place. */
export function moveColumnOnto(ids: readonly string[], draggedId: string, targetId: string): string[] {
  const from = ids.indexOf(draggedId);
  const to = ids.indexOf(targetId);
  if (from < 0 || to < 0 || from === to) return [...ids];
  const next = [...ids];
  next.splice(from, 1);
  next.splice(to, 0, draggedId);
  return next;
}

export function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** The columns in the order of `ids`; columns the list does not name keep their place at the end. */
export function inOrder<T extends { id: string }>(columns: readonly T[], ids: readonly string[]): T[] {
  const rank = new Map(ids.map((id, index) => [id, index]));
  return [...columns].sort((a, b) => (rank.get(a.id) ?? ids.length) - (rank.get(b.id) ?? ids.length));
}
