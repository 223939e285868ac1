// Counting words shared by the import and export dialogs.

/** "1 contact", "2 contacts", "1,000 entries". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
